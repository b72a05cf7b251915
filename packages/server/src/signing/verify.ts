/**
 * Verifies every signature of a PDF cryptographically: the signature fields of the document's
 * form are found with pdf-lib, and for each one the bytes its /ByteRange names are hashed again
 * and checked against the CMS message digest, the CMS signature is verified with the key of the
 * certificate it carries, and that certificate is chained to the configured trust anchors.
 * Nothing is taken from the signature's own claims of validity.
 */
import type { X509Certificate } from 'node:crypto';
import {
  PDFArray,
  type PDFContext,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFString,
} from 'pdf-lib';
import { chainsToAnchor, describeCertificate } from './certificate.js';
import { type CmsProblem, type CmsSignature, checkCms, decodeCms } from './cms.js';
import { signingErrors } from './errors.js';
import { loadPdf } from './placeholder.js';

export type SignatureProblem =
  | CmsProblem
  | 'BYTE_RANGE_INVALID'
  | 'CMS_UNREADABLE'
  | 'UNSUPPORTED_SUBFILTER'
  | 'NOT_WHOLE_DOCUMENT'
  | 'CERTIFICATE_UNTRUSTED'
  | 'CERTIFICATE_NOT_VALID_AT_SIGNING_TIME'
  | 'CERTIFICATE_EXPIRED'
  | 'WEAK_DIGEST';

/** Problems that make the signature itself invalid; the others qualify a valid one. */
export const INTEGRITY_PROBLEMS: ReadonlySet<SignatureProblem> = new Set<SignatureProblem>([
  'SIGNER_CERTIFICATE_MISSING',
  'UNSUPPORTED_ALGORITHM',
  'DIGEST_MISMATCH',
  'SIGNATURE_INVALID',
  'SIGNING_CERTIFICATE_MISMATCH',
  'CONTENT_TYPE_INVALID',
  'BYTE_RANGE_INVALID',
  'CMS_UNREADABLE',
  'UNSUPPORTED_SUBFILTER',
]);

export interface SignerIdentity {
  commonName: string | null;
  organisation: string | null;
  serialNumber: string;
  issuer: string;
}

export interface SignatureReport {
  fieldName: string;
  /** the byte range's digest matches the CMS and the CMS signature verifies with its certificate */
  valid: boolean;
  /** the signature covers the file as received (nothing was appended after it) */
  coversWholeDocument: boolean;
  signer: SignerIdentity | null;
  signingTime: Date | null;
  notBefore: Date | null;
  notAfter: Date | null;
  /** the certificate chains to a configured trust anchor (revocation is not checked) */
  certificateTrusted: boolean;
  certificateValidAtSigningTime: boolean | null;
  /** the certificate's validity ended before `now` */
  certificateExpired: boolean | null;
  reason: string | null;
  location: string | null;
  name: string | null;
  contactInfo: string | null;
  subFilter: string | null;
  digestAlgorithm: string | null;
  problems: SignatureProblem[];
}

export interface VerificationReport {
  signed: boolean;
  signatures: SignatureReport[];
}

export interface VerifyOptions {
  trustAnchors?: readonly X509Certificate[];
  /** when "expired" is judged (default: the system clock) */
  now?: Date;
}

const SUPPORTED_SUBFILTERS = new Set(['ETSI.CAdES.detached', 'adbe.pkcs7.detached']);

interface FoundSignature {
  fieldName: string;
  dict: PDFDict;
}

/** The terminal signature fields with a value, walking /Kids (FT and T are inherited, §12.7.3.1). */
function signatureFields(context: PDFContext, catalog: PDFDict): FoundSignature[] {
  const form = catalog.lookup(PDFName.of('AcroForm'));
  if (!(form instanceof PDFDict)) return [];
  const found: FoundSignature[] = [];
  const seen = new Set<PDFDict>();
  const walk = (items: PDFArray, prefix: string, inheritedFt: string | null, depth: number) => {
    if (depth > 32) return;
    for (const item of items.asArray()) {
      const field = context.lookup(item);
      if (!(field instanceof PDFDict) || seen.has(field)) continue;
      seen.add(field);
      const t = textOf(field.lookup(PDFName.of('T')));
      const name = t ? (prefix ? `${prefix}.${t}` : t) : prefix;
      const ftObj = field.lookup(PDFName.of('FT'));
      const ft = ftObj instanceof PDFName ? ftObj.decodeText() : inheritedFt;
      const kids = field.lookup(PDFName.of('Kids'));
      if (kids instanceof PDFArray) walk(kids, name, ft, depth + 1);
      const value = field.lookup(PDFName.of('V'));
      if (ft === 'Sig' && value instanceof PDFDict && value.has(PDFName.of('ByteRange')))
        found.push({ fieldName: name, dict: value });
    }
  };
  const fields = form.lookup(PDFName.of('Fields'));
  if (fields instanceof PDFArray) walk(fields, '', null, 0);
  return found;
}

function textOf(value: PDFObject | undefined): string | null {
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText().normalize('NFC');
  return null;
}

function dateOf(value: PDFObject | undefined): Date | null {
  if (!(value instanceof PDFString || value instanceof PDFHexString)) return null;
  try {
    const d = value.decodeDate();
    return Number.isNaN(d.getTime()) ? null : d;
  } catch {
    return null;
  }
}

function byteRangeOf(dict: PDFDict): number[] | null {
  const br = dict.lookup(PDFName.of('ByteRange'));
  if (!(br instanceof PDFArray) || br.size() !== 4) return null;
  const nums = br.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : Number.NaN));
  return nums.every((n) => Number.isSafeInteger(n) && n >= 0) ? nums : null;
}

/** Reads the signed bytes and the signature value, or says why the byte range cannot be trusted. */
function signedParts(
  pdf: Buffer,
  range: number[] | null,
): { content: Buffer; contents: Buffer; end: number } | null {
  if (!range) return null;
  const [start, firstLength, second, secondLength] = range as [number, number, number, number];
  if (start !== 0 || firstLength < 1 || second <= firstLength || second + secondLength > pdf.length)
    return null;
  // the gap must be exactly the hexadecimal string /Contents <…>, nothing else left unsigned
  const gap = pdf.subarray(firstLength, second).toString('latin1');
  const m = /^<([0-9A-Fa-f\s]*)>$/.exec(gap);
  if (!m) return null;
  return {
    content: Buffer.concat([pdf.subarray(0, firstLength), pdf.subarray(second, second + secondLength)]),
    contents: Buffer.from(m[1]!.replace(/\s/g, ''), 'hex'),
    end: second + secondLength,
  };
}

export async function verifyPdf(pdf: Buffer, options: VerifyOptions = {}): Promise<VerificationReport> {
  const doc = await loadPdf(pdf);
  const now = options.now ?? new Date();
  const anchors = options.trustAnchors ?? [];
  let found: FoundSignature[];
  try {
    found = signatureFields(doc.context, doc.catalog);
  } catch (e) {
    throw signingErrors.malformed(`the form cannot be read: ${(e as Error).message}`);
  }
  const signatures = found.map((f) => {
    try {
      return checkSignature(pdf, f, anchors, now, doc.isEncrypted);
    } catch {
      // a structure that decodes but breaks a later step (a certificate pkijs reads and OpenSSL
      // does not): unreadable, never a 500 and never valid
      return { order: Number.MAX_SAFE_INTEGER, report: unreadable(f.fieldName) };
    }
  });
  signatures.sort((a, b) => a.order - b.order);
  return { signed: signatures.length > 0, signatures: signatures.map((s) => s.report) };
}

function unreadable(fieldName: string): SignatureReport {
  return {
    fieldName,
    valid: false,
    coversWholeDocument: false,
    signer: null,
    signingTime: null,
    notBefore: null,
    notAfter: null,
    certificateTrusted: false,
    certificateValidAtSigningTime: null,
    certificateExpired: null,
    reason: null,
    location: null,
    name: null,
    contactInfo: null,
    subFilter: null,
    digestAlgorithm: null,
    problems: ['CMS_UNREADABLE'],
  };
}

function checkSignature(
  pdf: Buffer,
  { fieldName, dict }: FoundSignature,
  anchors: readonly X509Certificate[],
  now: Date,
  encrypted: boolean,
): { order: number; report: SignatureReport } {
  const problems: SignatureProblem[] = [];
  const subFilterObj = dict.lookup(PDFName.of('SubFilter'));
  const subFilter = subFilterObj instanceof PDFName ? subFilterObj.decodeText() : null;
  // the strings of an encrypted file are encrypted too (all but /Contents)
  const str = (key: string) => (encrypted ? null : textOf(dict.lookup(PDFName.of(key))));
  const parts = signedParts(pdf, byteRangeOf(dict));
  let cms: CmsSignature | null = null;
  if (!parts) problems.push('BYTE_RANGE_INVALID');
  else {
    const declared = dict.lookup(PDFName.of('Contents'));
    const declaredBytes = declared instanceof PDFHexString ? Buffer.from(declared.asBytes()) : null;
    // the gap must hold this dictionary's own value (the one string an encrypted file leaves clear)
    if (!declaredBytes?.equals(parts.contents)) problems.push('BYTE_RANGE_INVALID');
    try {
      cms = decodeCms(parts.contents);
    } catch {
      problems.push('CMS_UNREADABLE');
    }
  }
  if (!subFilter || !SUPPORTED_SUBFILTERS.has(subFilter)) problems.push('UNSUPPORTED_SUBFILTER');
  if (parts && cms && !problems.includes('UNSUPPORTED_SUBFILTER'))
    problems.push(...checkCms(cms, parts.content));

  const coversWholeDocument = !!parts && /^\s*$/.test(pdf.subarray(parts.end).toString('latin1'));
  if (parts && !coversWholeDocument) problems.push('NOT_WHOLE_DOCUMENT');

  const signingTime = (encrypted ? null : dateOf(dict.lookup(PDFName.of('M')))) ?? cms?.signingTime ?? null;
  let signer: SignerIdentity | null = null;
  let notBefore: Date | null = null;
  let notAfter: Date | null = null;
  let certificateTrusted = false;
  let certificateValidAtSigningTime: boolean | null = null;
  let certificateExpired: boolean | null = null;
  if (cms?.signerCertificate) {
    const d = describeCertificate(cms.signerCertificate);
    signer = {
      commonName: d.commonName,
      organisation: d.organisation,
      serialNumber: d.serialNumber,
      issuer: d.issuer,
    };
    notBefore = d.notBefore;
    notAfter = d.notAfter;
    if (signingTime) {
      certificateValidAtSigningTime =
        signingTime.getTime() >= d.notBefore.getTime() && signingTime.getTime() <= d.notAfter.getTime();
      if (!certificateValidAtSigningTime) problems.push('CERTIFICATE_NOT_VALID_AT_SIGNING_TIME');
    }
    certificateExpired = now.getTime() > d.notAfter.getTime();
    if (certificateExpired) problems.push('CERTIFICATE_EXPIRED');
    certificateTrusted = chainsToAnchor(cms.signerCertificate, cms.certificates, anchors, signingTime ?? now);
    if (!certificateTrusted) problems.push('CERTIFICATE_UNTRUSTED');
  }
  if (cms?.digestAlgorithm === 'sha1') problems.push('WEAK_DIGEST');

  return {
    order: parts?.end ?? Number.MAX_SAFE_INTEGER,
    report: {
      fieldName,
      valid: !problems.some((p) => INTEGRITY_PROBLEMS.has(p)),
      coversWholeDocument,
      signer,
      signingTime,
      notBefore,
      notAfter,
      certificateTrusted,
      certificateValidAtSigningTime,
      certificateExpired,
      reason: str('Reason'),
      location: str('Location'),
      name: str('Name'),
      contactInfo: str('ContactInfo'),
      subFilter,
      digestAlgorithm: cms?.digestAlgorithm ?? null,
      problems: [...new Set(problems)],
    },
  };
}
