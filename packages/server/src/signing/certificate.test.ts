/**
 * The TEST certificates (marked, a CA and a signing certificate it issued, PKCS#12 with a
 * passphrase), reading PKCS#12 files, and the chain decision the verification relies on.
 */
import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import {
  chainsToAnchor,
  describeCertificate,
  generateTestCertificate,
  parsePemBundle,
  readP12,
  TEST_MARK,
  toPem,
} from './certificate.js';
import { testCertificate } from './test-fixtures.js';

const at = new Date('2026-11-23T00:00:00Z');

describe('generateTestCertificate', () => {
  const made = testCertificate('thu-lam');
  const leaf = new X509Certificate(made.certificatePem);
  const ca = new X509Certificate(made.caCertificatePem);

  it('marks both certificates as TEST, with the organisation and VN', () => {
    const d = describeCertificate(leaf.raw);
    expect(d.commonName).toBe(`Nguyễn Văn Đức (${TEST_MARK})`);
    expect(d.organisation).toBe('UBND xã Thư Lâm');
    expect(d.subject).toBe(`C=VN, O=UBND xã Thư Lâm, CN=Nguyễn Văn Đức (${TEST_MARK})`);
    expect(d.issuerCommonName).toBe(`MotCua TEST CA (${TEST_MARK})`);
    expect(describeCertificate(ca.raw).commonName).toContain(TEST_MARK);
  });

  it('issues a signing certificate from a self-signed CA', () => {
    expect(ca.ca).toBe(true);
    expect(ca.checkIssued(ca) && ca.verify(ca.publicKey)).toBe(true);
    expect(leaf.ca).toBe(false);
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    // digital signature and non-repudiation; e-mail protection and document signing (RFC 9336)
    expect(leaf.keyUsage).toEqual(['1.3.6.1.5.5.7.3.4', '1.3.6.1.5.5.7.3.36']);
    const forgeCert = forge.pki.certificateFromPem(made.certificatePem);
    expect(forgeCert.getExtension('keyUsage')).toMatchObject({
      digitalSignature: true,
      nonRepudiation: true,
    });
    expect(new Date(leaf.validFrom)).toEqual(new Date('2026-01-01T00:00:00Z'));
    expect(new Date(ca.validTo).getTime()).toBeGreaterThan(new Date(leaf.validTo).getTime());
  });

  it('packs key and certificates as PKCS#12 opened by its passphrase only', () => {
    const key = readP12(made.p12, made.passphrase);
    expect(key.certificate.equals(leaf.raw)).toBe(true);
    expect(key.chain.map((c) => c.equals(ca.raw))).toEqual([true]);
    expect(key.key.asymmetricKeyType).toBe('rsa');
    expect(() => readP12(made.p12, `${made.passphrase}x`)).toThrow(DomainError);
    expect(() => readP12(Buffer.from('not a pkcs12'), '')).toThrow(/cannot be read/);
  });

  it('issues a second certificate from the same CA when asked', () => {
    const sibling = generateTestCertificate({
      commonName: 'Lê Văn Bình',
      organisation: 'UBND xã Thư Lâm',
      notBefore: new Date('2026-06-01T00:00:00Z'),
      ca: made.ca,
    });
    expect(sibling.caCertificatePem).toBe(made.caCertificatePem);
    expect(chainsToAnchor(new X509Certificate(sibling.certificatePem).raw, [], [ca], at)).toBe(true);
  });
});

describe('chainsToAnchor', () => {
  const made = testCertificate('thu-lam');
  const leaf = new X509Certificate(made.certificatePem).raw;
  const ca = new X509Certificate(made.caCertificatePem);
  const stranger = testCertificate('stranger', { commonName: 'Người lạ' });

  it('trusts a certificate issued by an anchor, or an anchor itself', () => {
    expect(chainsToAnchor(leaf, [], [ca], at)).toBe(true);
    expect(chainsToAnchor(ca.raw, [], [ca], at)).toBe(true);
  });

  it('trusts nothing without anchors, nor under another CA of the same name', () => {
    expect(chainsToAnchor(leaf, [ca.raw], [], at)).toBe(false);
    const other = new X509Certificate(stranger.caCertificatePem);
    expect(other.subject).toBe(ca.subject);
    expect(chainsToAnchor(leaf, [other.raw], [other], at)).toBe(false);
  });

  it('does not let the signature carry its own anchor', () => {
    // the CA in the signature's certificates is only a path, never a reason to trust
    const other = new X509Certificate(stranger.caCertificatePem);
    expect(chainsToAnchor(leaf, [ca.raw], [other], at)).toBe(false);
  });

  it('needs every certificate on the path valid at the signing time', () => {
    expect(chainsToAnchor(leaf, [], [ca], new Date('2025-12-31T00:00:00Z'))).toBe(false);
    expect(chainsToAnchor(leaf, [], [ca], new Date('2100-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('PEM', () => {
  it('reads a bundle and ignores text around the blocks', () => {
    const a = testCertificate('thu-lam');
    const b = testCertificate('stranger', { commonName: 'Người lạ' });
    const bundle = `# trust anchors\n${a.caCertificatePem}\nsome comment\n${b.caCertificatePem}`;
    expect(parsePemBundle(bundle).map((c) => c.fingerprint256)).toEqual([
      new X509Certificate(a.caCertificatePem).fingerprint256,
      new X509Certificate(b.caCertificatePem).fingerprint256,
    ]);
    const der = new X509Certificate(a.caCertificatePem).raw;
    expect(new X509Certificate(toPem(der)).raw.equals(der)).toBe(true);
    expect(parsePemBundle('nothing here')).toEqual([]);
  });
});
