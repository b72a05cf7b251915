/**
 * The installation's signer from the configuration: the demo's TEST certificate made once and
 * reused, a configured PKCS#12 file, and the refusals that stop the start naming the variable.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { TEST_MARK } from './certificate.js';
import { demoPaths, loadSigner, loadTrustAnchors, signPdf, verifyPdf } from './index.js';
import { anchorsOf, META, receiptPdf, testCertificate } from './test-fixtures.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-signing-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const config = (env: Record<string, string>) =>
  loadConfig({ DATABASE_URL: 'postgres://u@db/x', ...env }, tmp);

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

async function asyncConfigError(promise: Promise<unknown>): Promise<ConfigError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('the demo signer', () => {
  const demo = config({ MOTCUA_DEMO: 'true', MOTCUA_DATA_DIR: 'demo-data' });

  it('is generated once into <data dir>/signing and reused afterwards', async () => {
    const paths = demoPaths(demo.dataDir);
    expect(fs.existsSync(paths.p12)).toBe(false);
    const first = await loadSigner(demo);
    expect(first).toMatchObject({ source: 'demo', path: paths.p12 });
    expect(first!.certificate.commonName).toContain(TEST_MARK);
    expect(fs.statSync(paths.p12).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(paths.ca, 'utf8')).toBe(first!.demoCaPem);
    const again = await loadSigner(demo);
    expect(again!.p12.equals(first!.p12)).toBe(true);
    expect(again!.certificate.serialNumber).toBe(first!.certificate.serialNumber);
  });

  it('signs what the demo trusts', async () => {
    const signer = (await loadSigner(demo))!;
    const signed = await signPdf(await receiptPdf(), signer, { ...META, signingTime: new Date() });
    const report = await verifyPdf(signed, { trustAnchors: loadTrustAnchors(demo, signer) });
    expect(report.signatures[0]).toMatchObject({ valid: true, certificateTrusted: true });
  });

  it('is replaced when it has expired', async () => {
    const before = (await loadSigner(demo))!;
    const later = new Date(before.certificate.notAfter.getTime() + 86_400_000);
    const after = (await loadSigner(demo, later))!;
    expect(after.certificate.serialNumber).not.toBe(before.certificate.serialNumber);
    expect(after.certificate.notAfter.getTime()).toBeGreaterThan(later.getTime());
  });

  it('is not made without the demo, where there is no signer unless configured', async () => {
    const real = config({ MOTCUA_DATA_DIR: 'real-data' });
    expect(await loadSigner(real)).toBeNull();
    expect(fs.existsSync(demoPaths(real.dataDir).dir)).toBe(false);
    expect(loadTrustAnchors(real, null)).toEqual([]);
  });
});

describe('a configured certificate', () => {
  const made = testCertificate('configured', { commonName: 'Văn thư Sở Tư pháp' });
  fs.writeFileSync(path.join(tmp, 'stp.p12'), made.p12);
  fs.writeFileSync(path.join(tmp, 'trust.pem'), `# CA tin cậy\n${made.caCertificatePem}`);

  it('is read from MOTCUA_SIGNING_P12 with its passphrase, relative to the working directory', async () => {
    const c = config({
      MOTCUA_DEMO: 'true',
      MOTCUA_SIGNING_P12: 'stp.p12',
      MOTCUA_SIGNING_P12_PASSWORD: made.passphrase,
      MOTCUA_SIGNING_TRUST: 'trust.pem',
    });
    expect(c.signingP12).toBe(path.join(tmp, 'stp.p12'));
    const signer = await loadSigner(c);
    expect(signer).toMatchObject({ source: 'configured', passphrase: made.passphrase, demoCaPem: null });
    expect(signer!.certificate.commonName).toContain('Văn thư Sở Tư pháp');
    // the demo's own certificate is not made when one is configured
    expect(fs.existsSync(demoPaths(c.dataDir).p12)).toBe(false);
    const anchors = loadTrustAnchors(c, signer);
    expect(anchors.map((a) => a.fingerprint256)).toEqual(anchorsOf(made).map((a) => a.fingerprint256));
  });

  it('refuses a wrong passphrase or a missing file, naming MOTCUA_SIGNING_P12', async () => {
    const wrong = await asyncConfigError(
      loadSigner(config({ MOTCUA_SIGNING_P12: 'stp.p12', MOTCUA_SIGNING_P12_PASSWORD: 'sai' })),
    );
    expect(wrong.variable).toBe('MOTCUA_SIGNING_P12');
    expect(wrong.message).toMatch(/password/i);
    const missing = await asyncConfigError(loadSigner(config({ MOTCUA_SIGNING_P12: 'nowhere.p12' })));
    expect(missing.variable).toBe('MOTCUA_SIGNING_P12');
    expect(missing.message).toContain('ENOENT');
  });

  it('refuses a password without a file, and a trust file without certificates', () => {
    expect(configError(() => config({ MOTCUA_SIGNING_P12_PASSWORD: 'x' })).variable).toBe(
      'MOTCUA_SIGNING_P12_PASSWORD',
    );
    fs.writeFileSync(path.join(tmp, 'empty.pem'), 'no certificates here\n');
    const empty = configError(() => loadTrustAnchors(config({ MOTCUA_SIGNING_TRUST: 'empty.pem' }), null));
    expect(empty.variable).toBe('MOTCUA_SIGNING_TRUST');
    const missing = configError(() => loadTrustAnchors(config({ MOTCUA_SIGNING_TRUST: 'gone.pem' }), null));
    expect(missing.variable).toBe('MOTCUA_SIGNING_TRUST');
  });
});
