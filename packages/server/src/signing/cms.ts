/**
 * The CMS SignedData inside a PDF signature (RFC 5652), built as CAdES-BES for PAdES B-B
 * (ETSI EN 319 142-1 §6.3): detached id-data content, signed attributes content-type,
 * message-digest and ESS signing-certificate-v2 (RFC 5035) binding the signer's certificate, and
 * no signing-time attribute (PAdES puts the time in the signature dictionary's /M). pkijs and
 * asn1js encode and decode the structures; Node's crypto hashes, signs and verifies.
 */
import {
  constants,
  createHash,
  sign as cryptoSign,
  verify as cryptoVerify,
  type KeyObject,
  X509Certificate,
} from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsaPss: '1.2.840.113549.1.1.10',
  ecPublicKey: '1.2.840.10045.2.1',
} as const;

const DIGESTS: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
const DIGEST_OIDS = Object.fromEntries(Object.entries(DIGESTS).map(([oid, name]) => [name, oid]));

/** Signature algorithms that fix their own hash. */
const SIGNATURE_HASH: Record<string, { hash: string; kind: 'rsa' | 'ecdsa' }> = {
  '1.2.840.113549.1.1.5': { hash: 'sha1', kind: 'rsa' },
  '1.2.840.113549.1.1.11': { hash: 'sha256', kind: 'rsa' },
  '1.2.840.113549.1.1.12': { hash: 'sha384', kind: 'rsa' },
  '1.2.840.113549.1.1.13': { hash: 'sha512', kind: 'rsa' },
  '1.2.840.10045.4.1': { hash: 'sha1', kind: 'ecdsa' },
  '1.2.840.10045.4.3.2': { hash: 'sha256', kind: 'ecdsa' },
  '1.2.840.10045.4.3.3': { hash: 'sha384', kind: 'ecdsa' },
  '1.2.840.10045.4.3.4': { hash: 'sha512', kind: 'ecdsa' },
};

const bytes = (view: ArrayBuffer | Uint8Array) =>
  Buffer.from(view instanceof Uint8Array ? view : new Uint8Array(view));
const der = (schema: { toBER(): ArrayBuffer }) => Buffer.from(schema.toBER());

function attribute(type: string, value: asn1js.AsnType): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

// DER orders a SET OF by its elements' encodings (X.690 §11.6); the verifier hashes the bytes
// we send, but a strict DER checker refuses any other order.
function derSetOrder(attributes: pkijs.Attribute[]): pkijs.Attribute[] {
  const encoded = attributes.map((a) => ({ a, d: der(a.toSchema()) }));
  encoded.sort((x, y) => {
    const n = Math.max(x.d.length, y.d.length);
    for (let i = 0; i < n; i++) {
      const diff = (x.d[i] ?? 0) - (y.d[i] ?? 0);
      if (diff !== 0) return diff;
    }
    return 0;
  });
  return encoded.map((e) => e.a);
}

/**
 * A detached CAdES-BES SignedData over `content` (the PDF's signed byte range), SHA-256, with the
 * signer's certificate first and its issuers after it.
 */
export function buildCadesSignature(
  content: Buffer,
  key: KeyObject,
  certificates: readonly Buffer[],
): Buffer {
  const [signerDer] = certificates;
  if (!signerDer) throw new Error('no signing certificate');
  const signer = pkijs.Certificate.fromBER(signerDer);
  const sha256 = () => new pkijs.AlgorithmIdentifier({ algorithmId: DIGEST_OIDS.sha256! });

  // ESSCertIDv2 with the default hash algorithm (SHA-256, omitted as DER requires) and the
  // issuer and serial, so the attribute names exactly one certificate
  const issuerSerial = new asn1js.Sequence({
    value: [
      new pkijs.GeneralNames({
        names: [new pkijs.GeneralName({ type: 4, value: signer.issuer })],
      }).toSchema(),
      signer.serialNumber,
    ],
  });
  const essCertIdV2 = new asn1js.Sequence({
    value: [
      new asn1js.OctetString({ valueHex: createHash('sha256').update(signerDer).digest() }),
      issuerSerial,
    ],
  });
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: derSetOrder([
      attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: OID.data })),
      attribute(
        OID.messageDigest,
        new asn1js.OctetString({ valueHex: createHash('sha256').update(content).digest() }),
      ),
      attribute(
        OID.signingCertificateV2,
        new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] }),
      ),
    ]),
  });
  // the signature covers the attributes' DER with the SET OF tag, not the [0] IMPLICIT one
  const toSign = der(signedAttrs.toSchema());
  toSign[0] = 0x31;

  const ec = key.asymmetricKeyType === 'ec';
  const signature = cryptoSign(
    'sha256',
    toSign,
    ec ? { key, dsaEncoding: 'der' } : { key, padding: constants.RSA_PKCS1_PADDING },
  );
  const signatureAlgorithm = ec
    ? new pkijs.AlgorithmIdentifier({ algorithmId: '1.2.840.10045.4.3.2' })
    : new pkijs.AlgorithmIdentifier({
        algorithmId: '1.2.840.113549.1.1.11',
        algorithmParams: new asn1js.Null(),
      });

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: signer.issuer, serialNumber: signer.serialNumber }),
    digestAlgorithm: sha256(),
    signedAttrs,
    signatureAlgorithm,
    signature: new asn1js.OctetString({ valueHex: signature }),
  });
  // SignedData is assembled from encoded parts so the certificates go in byte for byte: pkijs and
  // asn1js re-encode what they decode, and the ESS hash is over the certificate as sent
  const signedData = tlv(
    0x30,
    der(new asn1js.Integer({ value: 1 })),
    der(new asn1js.Set({ value: [sha256().toSchema()] })),
    der(new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }).toSchema()),
    tlv(0xa0, ...certificates),
    der(new asn1js.Set({ value: [signerInfo.toSchema()] })),
  );
  return tlv(0x30, der(new asn1js.ObjectIdentifier({ value: OID.signedData })), tlv(0xa0, signedData));
}

/** One DER tag-length-value with a definite length. */
function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const n = body.length;
  let length: Buffer;
  if (n < 0x80) length = Buffer.from([n]);
  else {
    const digits: number[] = [];
    for (let v = n; v > 0; v = Math.floor(v / 256)) digits.unshift(v % 256);
    length = Buffer.from([0x80 | digits.length, ...digits]);
  }
  return Buffer.concat([Buffer.from([tag]), length, body]);
}

/** What a PDF signature's CMS says, decoded but not yet checked. */
export interface CmsSignature {
  /** DER of every certificate the SignedData carries, as sent */
  certificates: Buffer[];
  /** the signer's certificate (matched by the SignerInfo's sid), or null when it is not carried */
  signerCertificate: Buffer | null;
  digestAlgorithm: string | null;
  digestAlgorithmOid: string;
  signatureAlgorithmOid: string;
  /** the signed attributes as sent, re-tagged as SET OF: what the signature covers */
  signedAttributes: Buffer | null;
  messageDigest: Buffer | null;
  contentType: string | null;
  /** a CMS signing-time attribute (adbe.pkcs7.detached signers add one; PAdES uses /M) */
  signingTime: Date | null;
  /** the hash an ESS signing-certificate(-v2) attribute gives for the signer's certificate */
  signingCertificateHash: { algorithm: string; hash: Buffer } | null;
  signature: Buffer;
  rsaPss: { hash: string; saltLength: number } | null;
}

function children(node: asn1js.AsnType): asn1js.AsnType[] {
  const v = (node as { valueBlock?: { value?: unknown } }).valueBlock?.value;
  return Array.isArray(v) ? (v as asn1js.AsnType[]) : [];
}

/** Decodes the signature value; a structure that is not CMS SignedData throws. */
export function decodeCms(contents: Buffer): CmsSignature {
  const parsed = asn1js.fromBER(new Uint8Array(contents));
  if (parsed.offset === -1) throw new Error('the signature value is not DER');
  const contentInfo = new pkijs.ContentInfo({ schema: parsed.result });
  if (contentInfo.contentType !== OID.signedData)
    throw new Error('the signature value is not CMS SignedData');
  const signedData = new pkijs.SignedData({ schema: contentInfo.content });
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo) throw new Error('the SignedData has no signer');

  // the certificates exactly as sent: pkijs re-encodes what it decodes
  const certNode = children(contentInfo.content as asn1js.AsnType).find(
    (n) => n.idBlock.tagClass === 3 && n.idBlock.tagNumber === 0,
  );
  const certificates = certNode
    ? children(certNode)
        .filter((c) => c instanceof asn1js.Sequence)
        .map((c) => bytes(c.valueBeforeDecodeView))
    : [];
  const signerCertificate = certificates.find((c) => matchesSid(c, signerInfo.sid)) ?? null;

  const attrs = signerInfo.signedAttrs;
  const attr = (type: string) => attrs?.attributes.find((a) => a.type === type)?.values[0];
  const md = attr(OID.messageDigest);
  const ct = attr(OID.contentType);
  const st = attr(OID.signingTime);
  const signatureAlgorithmOid = signerInfo.signatureAlgorithm.algorithmId;
  let rsaPss: CmsSignature['rsaPss'] = null;
  if (signatureAlgorithmOid === OID.rsaPss) {
    const params = new pkijs.RSASSAPSSParams({ schema: signerInfo.signatureAlgorithm.algorithmParams });
    rsaPss = { hash: DIGESTS[params.hashAlgorithm.algorithmId] ?? 'unknown', saltLength: params.saltLength };
  }
  return {
    certificates,
    signerCertificate,
    digestAlgorithm: DIGESTS[signerInfo.digestAlgorithm.algorithmId] ?? null,
    digestAlgorithmOid: signerInfo.digestAlgorithm.algorithmId,
    signatureAlgorithmOid,
    signedAttributes: attrs ? bytes(attrs.encodedValue) : null,
    messageDigest: md instanceof asn1js.OctetString ? bytes(md.valueBlock.valueHexView) : null,
    contentType: ct instanceof asn1js.ObjectIdentifier ? ct.valueBlock.toString() : null,
    signingTime: st instanceof asn1js.UTCTime || st instanceof asn1js.GeneralizedTime ? st.toDate() : null,
    signingCertificateHash:
      essHash(attr(OID.signingCertificateV2), 'v2') ?? essHash(attr(OID.signingCertificate), 'v1'),
    signature: bytes(signerInfo.signature.valueBlock.valueHexView),
    rsaPss,
  };
}

function matchesSid(certDer: Buffer, sid: pkijs.SignerInfo['sid']): boolean {
  const cert = pkijs.Certificate.fromBER(certDer);
  if (sid instanceof pkijs.IssuerAndSerialNumber)
    return cert.issuer.isEqual(sid.issuer) && cert.serialNumber.isEqual(sid.serialNumber);
  // [0] SubjectKeyIdentifier
  const ski = cert.extensions?.find((e) => e.extnID === '2.5.29.14')?.parsedValue;
  const wanted = (sid as { valueBlock?: { valueHexView?: Uint8Array } }).valueBlock?.valueHexView;
  return (
    !!ski &&
    !!wanted &&
    Buffer.from((ski as asn1js.OctetString).valueBlock.valueHexView).equals(Buffer.from(wanted))
  );
}

// SigningCertificate(V2) ::= SEQUENCE { certs SEQUENCE OF ESSCertID(v2), policies OPTIONAL }
function essHash(
  value: asn1js.AsnType | undefined,
  version: 'v1' | 'v2',
): CmsSignature['signingCertificateHash'] {
  if (!value) return null;
  const first = children(children(value)[0] ?? value)[0];
  if (!first) return null;
  const [a, b] = children(first);
  if (version === 'v1')
    return a instanceof asn1js.OctetString
      ? { algorithm: 'sha1', hash: bytes(a.valueBlock.valueHexView) }
      : null;
  if (a instanceof asn1js.OctetString) return { algorithm: 'sha256', hash: bytes(a.valueBlock.valueHexView) };
  if (a instanceof asn1js.Sequence && b instanceof asn1js.OctetString) {
    const oid = children(a)[0];
    const name = oid instanceof asn1js.ObjectIdentifier ? DIGESTS[oid.valueBlock.toString()] : undefined;
    return { algorithm: name ?? 'unknown', hash: bytes(b.valueBlock.valueHexView) };
  }
  return null;
}

export type CmsProblem =
  | 'SIGNER_CERTIFICATE_MISSING'
  | 'UNSUPPORTED_ALGORITHM'
  | 'DIGEST_MISMATCH'
  | 'SIGNATURE_INVALID'
  | 'SIGNING_CERTIFICATE_MISMATCH'
  | 'CONTENT_TYPE_INVALID';

/**
 * Checks the signature cryptographically: the digest of `content` (the signed byte range) against
 * the message-digest attribute, the signer's signature over the signed attributes with the key of
 * the certificate it names, and an ESS signing-certificate attribute against that certificate.
 * No problem means valid.
 */
export function checkCms(cms: CmsSignature, content: Buffer): CmsProblem[] {
  if (!cms.signerCertificate) return ['SIGNER_CERTIFICATE_MISSING'];
  const byAlgorithm = SIGNATURE_HASH[cms.signatureAlgorithmOid];
  const hash = cms.rsaPss?.hash ?? byAlgorithm?.hash ?? cms.digestAlgorithm;
  const digest = cms.digestAlgorithm;
  if (!digest || !hash || hash === 'unknown') return ['UNSUPPORTED_ALGORITHM'];
  const problems: CmsProblem[] = [];
  const publicKey = new X509Certificate(cms.signerCertificate).publicKey;
  const contentDigest = createHash(digest).update(content).digest();
  let signed: Buffer;
  if (cms.signedAttributes) {
    if (!cms.messageDigest?.equals(contentDigest)) problems.push('DIGEST_MISMATCH');
    if (cms.contentType !== OID.data) problems.push('CONTENT_TYPE_INVALID');
    signed = cms.signedAttributes;
  } else {
    // no signed attributes (old signers): the signature is over the content itself
    signed = content;
  }
  const kind = byAlgorithm?.kind ?? (cms.signatureAlgorithmOid === OID.ecPublicKey ? 'ecdsa' : 'rsa');
  let ok = false;
  try {
    if (cms.rsaPss)
      ok = cryptoVerify(
        hash,
        signed,
        { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: cms.rsaPss.saltLength },
        cms.signature,
      );
    else if (kind === 'ecdsa')
      ok = cryptoVerify(hash, signed, { key: publicKey, dsaEncoding: 'der' }, cms.signature);
    else if (cms.signatureAlgorithmOid === OID.rsaEncryption || byAlgorithm)
      ok = cryptoVerify(
        hash,
        signed,
        { key: publicKey, padding: constants.RSA_PKCS1_PADDING },
        cms.signature,
      );
    else return [...problems, 'UNSUPPORTED_ALGORITHM'];
  } catch {
    ok = false;
  }
  if (!ok) problems.push('SIGNATURE_INVALID');
  if (cms.signingCertificateHash) {
    const { algorithm, hash: expected } = cms.signingCertificateHash;
    const actual =
      algorithm === 'unknown' ? null : createHash(algorithm).update(cms.signerCertificate).digest();
    if (!actual?.equals(expected)) problems.push('SIGNING_CERTIFICATE_MISMATCH');
  }
  return problems;
}
