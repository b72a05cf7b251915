/**
 * Digital signatures on PDF documents (chữ ký số): PAdES B-B signing with a PKCS#12 certificate,
 * cryptographic verification of every signature in a PDF, the demo's TEST certificates, and the
 * installation's signer and trust anchors from the configuration. No database, no HTTP.
 */
export {
  type CertificateDescription,
  chainsToAnchor,
  describeCertificate,
  generateTestCertificate,
  parsePemBundle,
  readP12,
  type SignerCredentials,
  TEST_MARK,
  type TestCa,
  type TestCertificate,
  type TestCertificateOptions,
  toPem,
} from './certificate.js';
export { signingErrors } from './errors.js';
export { type SignatureMeta, signPdf } from './sign.js';
export {
  DEMO_SIGNING_PASSPHRASE,
  demoPaths,
  type LoadedSigner,
  loadSigner,
  loadTrustAnchors,
} from './signer.js';
export {
  INTEGRITY_PROBLEMS,
  type SignatureProblem,
  type SignatureReport,
  type SignerIdentity,
  type VerificationReport,
  type VerifyOptions,
  verifyPdf,
} from './verify.js';
