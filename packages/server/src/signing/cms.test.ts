/**
 * The CMS layer on its own: our CAdES builder with an EC key, and signatures made by another
 * producer (pkijs's own signer, with WebCrypto) in the algorithms other tools use: RSA-PSS and
 * ECDSA, with and without signed attributes.
 */
import { createHash, KeyObject, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { buildCadesSignature, checkCms, decodeCms, OID } from './cms.js';

const content = Buffer.from('%PDF-1.7 the signed byte range of a result document (Quyết định)');
const other = Buffer.from('%PDF-1.7 another document');

type Algorithm = webcrypto.RsaHashedKeyGenParams | webcrypto.EcKeyGenParams;
const RSA_PSS: Algorithm = {
  name: 'RSA-PSS',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
};
const ECDSA: Algorithm = { name: 'ECDSA', namedCurve: 'P-256' };

/** A self-signed certificate made with pkijs and WebCrypto, as another CA's software would. */
async function selfSigned(algorithm: Algorithm) {
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ value: 4242 });
  const cn = () =>
    new pkijs.AttributeTypeAndValue({
      type: '2.5.4.3',
      value: new asn1js.Utf8String({ value: 'Sở Tư pháp' }),
    });
  cert.issuer.typesAndValues.push(cn());
  cert.subject.typesAndValues.push(cn());
  cert.notBefore.value = new Date('2026-01-01T00:00:00Z');
  cert.notAfter.value = new Date('2028-01-01T00:00:00Z');
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey);
  await cert.sign(keys.privateKey, 'SHA-256');
  return { keys, cert, der: Buffer.from(cert.toSchema(true).toBER()) };
}

async function pkijsSignature(algorithm: Algorithm, withAttributes: boolean): Promise<Buffer> {
  const { keys, cert } = await selfSigned(algorithm);
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
  });
  if (withAttributes)
    signerInfo.signedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 0,
      attributes: [
        new pkijs.Attribute({
          type: OID.contentType,
          values: [new asn1js.ObjectIdentifier({ value: OID.data })],
        }),
        new pkijs.Attribute({
          type: OID.messageDigest,
          values: [new asn1js.OctetString({ valueHex: createHash('sha256').update(content).digest() })],
        }),
      ],
    });
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    signerInfos: [signerInfo],
    certificates: [cert],
  });
  await signedData.sign(keys.privateKey, 0, 'SHA-256', new Uint8Array(content));
  const info = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return Buffer.from(info.toSchema().toBER());
}

describe('checkCms', () => {
  it.each([
    ['RSA-PSS', true, RSA_PSS],
    ['RSA-PSS', false, RSA_PSS],
    ['ECDSA P-256', true, ECDSA],
    ['ECDSA P-256', false, ECDSA],
  ])(
    'verifies %s made by another producer (signed attributes: %s)',
    async (_name, withAttributes, algorithm) => {
      const cms = decodeCms(await pkijsSignature(algorithm, withAttributes));
      expect(cms.signerCertificate).not.toBeNull();
      expect(cms.rsaPss === null).toBe(algorithm !== RSA_PSS);
      expect(checkCms(cms, content)).toEqual([]);
      expect(checkCms(cms, other)).toEqual([withAttributes ? 'DIGEST_MISMATCH' : 'SIGNATURE_INVALID']);
    },
  );

  it('builds and verifies a CAdES signature with an EC key', async () => {
    const { keys, der } = await selfSigned(ECDSA);
    const cms = decodeCms(buildCadesSignature(content, KeyObject.from(keys.privateKey), [der]));
    expect(cms.signatureAlgorithmOid).toBe('1.2.840.10045.4.3.2');
    expect(cms.signingCertificateHash?.hash.equals(createHash('sha256').update(der).digest())).toBe(true);
    expect(checkCms(cms, content)).toEqual([]);
    expect(checkCms(cms, other)).toEqual(['DIGEST_MISMATCH']);
  });

  it('refuses a signing-certificate attribute that names another certificate', async () => {
    const a = await selfSigned(ECDSA);
    const b = await selfSigned(ECDSA);
    const cms = decodeCms(buildCadesSignature(content, KeyObject.from(a.keys.privateKey), [a.der]));
    // the same signature presented with another certificate of the same issuer and serial
    const swapped = { ...cms, signerCertificate: b.der };
    expect(checkCms(swapped, content)).toEqual(['SIGNATURE_INVALID', 'SIGNING_CERTIFICATE_MISMATCH']);
  });

  it('refuses what is not CMS SignedData', () => {
    expect(() => decodeCms(Buffer.from('00000000', 'hex'))).toThrow();
    const data = new pkijs.ContentInfo({ contentType: OID.data, content: new asn1js.OctetString() });
    expect(() => decodeCms(Buffer.from(data.toSchema().toBER()))).toThrow(/SignedData/);
  });
});
