/**
 * Certificates: reading the signer's PKCS#12 file, making the demo's TEST certificates, describing
 * a certificate (names in Unicode, serial, validity) and deciding whether it chains to a trust
 * anchor. node-forge reads and writes PKCS#12 (it decrypts the legacy 3DES/RC2 files Windows and
 * older CA tools export as well as OpenSSL 3's AES ones); Node's own X509Certificate (OpenSSL)
 * checks issuer signatures; pkijs decodes names without losing Vietnamese diacritics.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  X509Certificate,
} from 'node:crypto';
import forge from 'node-forge';
import * as pkijs from 'pkijs';
import { signingErrors } from './errors.js';

/** What `signPdf` needs: the PKCS#12 file and its passphrase. */
export interface SignerCredentials {
  p12: Buffer;
  passphrase: string;
}

/** The decrypted contents of a PKCS#12 file. */
export interface SigningKey {
  key: KeyObject;
  /** DER of the signing certificate */
  certificate: Buffer;
  /** DER of the other certificates in the file (its issuers), as found */
  chain: Buffer[];
}

/** Printed in every TEST certificate's common name, so no one mistakes it for a real one. */
export const TEST_MARK = 'TEST — không có giá trị pháp lý';

const NAME_OIDS: Record<string, string> = {
  '2.5.4.6': 'C',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.3': 'CN',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.5': 'serialNumber',
  '0.9.2342.19200300.100.1.1': 'UID',
  '1.2.840.113549.1.9.1': 'E',
};

const forgeBytes = (b: forge.util.ByteStringBuffer | string) =>
  Buffer.from(typeof b === 'string' ? b : b.getBytes(), 'binary');

const keyCache = new WeakMap<Buffer, Map<string, SigningKey>>();

/**
 * Opens a PKCS#12 file: the private key (RSA or EC) and the certificate whose public key matches
 * it, plus the other certificates. A wrong passphrase, a file without a key or without the key's
 * certificate is refused with the reason.
 */
export function readP12(p12: Buffer, passphrase: string): SigningKey {
  const cached = keyCache.get(p12)?.get(passphrase);
  if (cached) return cached;
  let parsed: forge.pkcs12.Pkcs12Pfx;
  try {
    parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(p12.toString('binary')), passphrase);
  } catch (e) {
    throw signingErrors.credentialsUnreadable((e as Error).message);
  }
  const keyBags = [
    ...(parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[
      forge.pki.oids.pkcs8ShroudedKeyBag!
    ] ?? []),
    ...(parsed.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? []),
  ];
  const certBags = parsed.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [];
  const bag = keyBags[0];
  if (!bag) throw signingErrors.credentialsUnreadable('the file holds no private key');
  // forge decodes RSA keys itself and hands over any other key type as its PrivateKeyInfo
  const info = bag.key
    ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key as forge.pki.rsa.PrivateKey))
    : bag.asn1;
  if (!info) throw signingErrors.credentialsUnreadable('the private key cannot be decoded');
  const key = createPrivateKey({ key: forgeBytes(forge.asn1.toDer(info)), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  const certs = certBags.flatMap((b) => {
    const asn1 = b.cert ? forge.pki.certificateToAsn1(b.cert) : b.asn1;
    return asn1 ? [forgeBytes(forge.asn1.toDer(asn1))] : [];
  });
  const certificate = certs.find((der) =>
    new X509Certificate(der).publicKey.export({ type: 'spki', format: 'der' }).equals(spki),
  );
  if (!certificate) throw signingErrors.credentialsUnreadable('no certificate in the file matches its key');
  const result = { key, certificate, chain: certs.filter((c) => c !== certificate) };
  if (!keyCache.has(p12)) keyCache.set(p12, new Map());
  keyCache.get(p12)!.set(passphrase, result);
  return result;
}

export interface CertificateDescription {
  commonName: string | null;
  organisation: string | null;
  /** the certificate's serial number, upper-case hexadecimal */
  serialNumber: string;
  /** the subject as C=…, O=…, CN=… in the certificate's order */
  subject: string;
  issuer: string;
  issuerCommonName: string | null;
  notBefore: Date;
  notAfter: Date;
}

function nameEntries(name: pkijs.RelativeDistinguishedNames): { type: string; value: string }[] {
  return name.typesAndValues.map((tv) => {
    const block = tv.value.valueBlock as { value?: unknown; valueHexView?: Uint8Array };
    const value =
      typeof block.value === 'string' ? block.value : Buffer.from(block.valueHexView ?? []).toString('hex');
    return { type: NAME_OIDS[tv.type] ?? tv.type, value: value.normalize('NFC') };
  });
}

const nameString = (entries: { type: string; value: string }[]) =>
  entries.map((e) => `${e.type}=${e.value}`).join(', ');

export function describeCertificate(der: Buffer): CertificateDescription {
  const cert = pkijs.Certificate.fromBER(der);
  const subject = nameEntries(cert.subject);
  const issuer = nameEntries(cert.issuer);
  const first = (entries: typeof subject, type: string) =>
    entries.find((e) => e.type === type)?.value ?? null;
  return {
    commonName: first(subject, 'CN'),
    organisation: first(subject, 'O'),
    serialNumber: Buffer.from(cert.serialNumber.valueBlock.valueHexView).toString('hex').toUpperCase(),
    subject: nameString(subject),
    issuer: nameString(issuer),
    issuerCommonName: first(issuer, 'CN'),
    notBefore: cert.notBefore.value,
    notAfter: cert.notAfter.value,
  };
}

/** Reads every certificate of a PEM bundle (text outside the BEGIN/END blocks is ignored). */
export function parsePemBundle(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((b) => new X509Certificate(b));
}

const withinValidity = (cert: X509Certificate, at: Date) =>
  new Date(cert.validFrom).getTime() <= at.getTime() && at.getTime() <= new Date(cert.validTo).getTime();

/**
 * Whether the signer's certificate chains to one of the anchors through the certificates the
 * signature carries: each link's issuer name matches and its signature verifies with the issuer's
 * key, every issuer is a CA, and every certificate on the path was valid at `at` (the signing
 * time). An anchor itself, or a certificate issued by an anchor, is trusted. Revocation is not
 * checked (no OCSP or CRL is reachable offline).
 */
export function chainsToAnchor(
  signer: Buffer,
  carried: readonly Buffer[],
  anchors: readonly X509Certificate[],
  at: Date,
): boolean {
  if (anchors.length === 0) return false;
  const pool = carried.map((der) => new X509Certificate(der));
  let current = new X509Certificate(signer);
  const seen = new Set<string>();
  for (let depth = 0; depth < 10; depth++) {
    if (!withinValidity(current, at) || seen.has(current.fingerprint256)) return false;
    seen.add(current.fingerprint256);
    if (anchors.some((a) => a.fingerprint256 === current.fingerprint256)) return true;
    const issuedBy = (issuer: X509Certificate) =>
      issuer.ca && current.checkIssued(issuer) && current.verify(issuer.publicKey);
    const anchor = anchors.find(issuedBy);
    if (anchor) return withinValidity(anchor, at);
    const next = pool.find((c) => c.fingerprint256 !== current.fingerprint256 && issuedBy(c));
    if (!next) return false;
    current = next;
  }
  return false;
}

export interface TestCertificateOptions {
  commonName: string;
  organisation: string;
  /** the PKCS#12 passphrase (default: random, returned) */
  passphrase?: string;
  /** default: now minus one hour (clock skew) */
  notBefore?: Date;
  /** default: five years after notBefore */
  notAfter?: Date;
  /** issue from this CA instead of making a new one */
  ca?: TestCa;
}

export interface TestCa {
  certificatePem: string;
  privateKeyPem: string;
}

export interface TestCertificate {
  p12: Buffer;
  passphrase: string;
  certificatePem: string;
  /** the test CA's certificate: the trust anchor for signatures made with this certificate */
  caCertificatePem: string;
  ca: TestCa;
}

function forgeKeys(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey } {
  // Node generates the key (OpenSSL, fast); forge only builds the certificate around it
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey: forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }) as string),
    publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }) as string),
  };
}

// a positive serial of 16 random bytes (RFC 5280: at most 20 octets, non-negative)
const serial = () => {
  const b = randomBytes(16);
  b[0] = b[0]! & 0x7f;
  return b.toString('hex');
};

const dn = (commonName: string, organisation: string) => [
  { shortName: 'C', value: 'VN' },
  { shortName: 'O', value: organisation, valueTagClass: forge.asn1.Type.UTF8 },
  { shortName: 'CN', value: commonName, valueTagClass: forge.asn1.Type.UTF8 },
];

/**
 * A self-signed TEST CA and a signing certificate issued by it, packed as PKCS#12 (AES-256) with a
 * passphrase. Both common names carry TEST_MARK: such a signature proves integrity to whoever
 * trusts the test CA, and nothing in law (Decree 23/2025/NĐ-CP requires a licensed CA).
 */
export function generateTestCertificate(options: TestCertificateOptions): TestCertificate {
  const notBefore = options.notBefore ?? new Date(Date.now() - 3_600_000);
  const notAfter = options.notAfter ?? new Date(notBefore.getTime() + 5 * 365 * 86_400_000);
  const passphrase = options.passphrase ?? randomBytes(18).toString('base64url');
  const ca = options.ca ?? makeTestCa(options.organisation, notBefore, notAfter);
  const caCert = forge.pki.certificateFromPem(ca.certificatePem);
  const caKey = forge.pki.privateKeyFromPem(ca.privateKeyPem);

  const keys = forgeKeys();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  cert.setSubject(
    dn(`${options.commonName} (${TEST_MARK})`, options.organisation) as forge.pki.CertificateField[],
  );
  // forge keeps a parsed UTF8String as its UTF-8 bytes and encodes again on output: decode first
  cert.setIssuer(
    caCert.subject.attributes.map((a) =>
      (a.valueTagClass as number | undefined) === forge.asn1.Type.UTF8
        ? { ...a, value: forge.util.decodeUtf8(String(a.value)) }
        : a,
    ),
  );
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    // e-mail protection is what Acrobat looks for; 1.3.6.1.5.5.7.3.36 is document signing (RFC 9336)
    { name: 'extKeyUsage', emailProtection: true, '1.3.6.1.5.5.7.3.36': true },
    { name: 'subjectKeyIdentifier' },
    {
      name: 'authorityKeyIdentifier',
      keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes(),
    },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  const p12Asn1 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert, caCert], passphrase, {
    algorithm: 'aes256',
    friendlyName: options.commonName,
  });
  return {
    p12: forgeBytes(forge.asn1.toDer(p12Asn1)),
    passphrase,
    certificatePem: forge.pki.certificateToPem(cert),
    caCertificatePem: ca.certificatePem,
    ca,
  };
}

function makeTestCa(organisation: string, notBefore: Date, leafNotAfter: Date): TestCa {
  const keys = forgeKeys();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = notBefore;
  // the CA outlives its certificates
  cert.validity.notAfter = new Date(
    Math.max(leafNotAfter.getTime(), notBefore.getTime()) + 5 * 365 * 86_400_000,
  );
  const name = dn(`MotCua TEST CA (${TEST_MARK})`, organisation) as forge.pki.CertificateField[];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return {
    certificatePem: forge.pki.certificateToPem(cert),
    privateKeyPem: forge.pki.privateKeyToPem(keys.privateKey),
  };
}

/** The PEM text of a DER certificate. */
export function toPem(der: Buffer): string {
  const b64 = der.toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${b64}${b64.endsWith('\n') ? '' : '\n'}-----END CERTIFICATE-----\n`;
}
