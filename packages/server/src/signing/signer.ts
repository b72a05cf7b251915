/**
 * The installation's signing certificate and trust anchors, from the configuration:
 * MOTCUA_SIGNING_P12 (+ _PASSWORD) and MOTCUA_SIGNING_TRUST. With the demo and no certificate
 * configured, a TEST certificate is generated once into <data dir>/signing/demo.p12 (its CA in
 * demo-ca.pem beside it, trusted by the demo) and reused afterwards. A file that cannot be read
 * stops the start with a ConfigError naming the variable.
 */

import { randomBytes, type X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Config, ConfigError } from '../config.js';
import { DomainError } from '../errors.js';
import {
  type CertificateDescription,
  describeCertificate,
  generateTestCertificate,
  parsePemBundle,
  readP12,
  type SignerCredentials,
  toPem,
} from './certificate.js';

/** The demo's PKCS#12 passphrase: the demo accounts' well-known password, as public as they are. */
export const DEMO_SIGNING_PASSPHRASE = 'MotCua@2025';

export interface LoadedSigner extends SignerCredentials {
  source: 'configured' | 'demo';
  path: string;
  certificate: CertificateDescription;
  /** the demo's TEST CA (PEM), which the demo trusts; null for a configured certificate */
  demoCaPem: string | null;
}

type SigningConfig = Pick<Config, 'demo' | 'dataDir' | 'signingP12' | 'signingP12Password' | 'signingTrust'>;

export const demoPaths = (dataDir: string) => ({
  dir: path.join(dataDir, 'signing'),
  p12: path.join(dataDir, 'signing', 'demo.p12'),
  ca: path.join(dataDir, 'signing', 'demo-ca.pem'),
});

function readable(variable: string, file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new ConfigError(
      variable,
      `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
}

function open(variable: string, p12: Buffer, passphrase: string) {
  try {
    return readP12(p12, passphrase);
  } catch (e) {
    throw new ConfigError(
      variable,
      e instanceof DomainError ? String(e.details.reason ?? e.message) : String(e),
    );
  }
}

/**
 * The signer the dossier service signs result documents with, or null when the installation has
 * none (no MOTCUA_SIGNING_P12 and no demo). `now` judges whether the demo certificate is still
 * valid: an expired one is replaced.
 */
export async function loadSigner(config: SigningConfig, now = new Date()): Promise<LoadedSigner | null> {
  if (config.signingP12) {
    const p12 = readable('MOTCUA_SIGNING_P12', config.signingP12);
    const passphrase = config.signingP12Password ?? '';
    const key = open('MOTCUA_SIGNING_P12', p12, passphrase);
    return {
      p12,
      passphrase,
      source: 'configured',
      path: config.signingP12,
      certificate: describeCertificate(key.certificate),
      demoCaPem: null,
    };
  }
  if (!config.demo) return null;
  return demoSigner(config.dataDir, now);
}

function demoSigner(dataDir: string, now: Date): LoadedSigner {
  const paths = demoPaths(dataDir);
  fs.mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  let p12 = fs.existsSync(paths.p12) ? fs.readFileSync(paths.p12) : null;
  if (p12) {
    const key = open('MOTCUA_SIGNING_P12', p12, DEMO_SIGNING_PASSPHRASE);
    if (describeCertificate(key.certificate).notAfter.getTime() <= now.getTime()) {
      fs.rmSync(paths.p12);
      p12 = null;
    }
  }
  if (!p12) {
    const made = generateTestCertificate({
      commonName: 'MotCua demo — Văn thư điện tử',
      organisation: 'MotCua demo',
      passphrase: DEMO_SIGNING_PASSPHRASE,
      notBefore: new Date(now.getTime() - 3_600_000),
    });
    // written aside and linked into place: of two processes starting at once, one file wins
    const tmp = `${paths.p12}.${randomBytes(6).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, made.p12, { mode: 0o600 });
    try {
      fs.linkSync(tmp, paths.p12);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
    p12 = fs.readFileSync(paths.p12);
  }
  const key = open('MOTCUA_SIGNING_P12', p12, DEMO_SIGNING_PASSPHRASE);
  const caPem = key.chain.map(toPem).join('');
  // the CA beside it, for people to import into their PDF reader; derived, so rewritten if stale
  if (!fs.existsSync(paths.ca) || fs.readFileSync(paths.ca, 'utf8') !== caPem) {
    const tmp = `${paths.ca}.${randomBytes(6).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, caPem);
    fs.renameSync(tmp, paths.ca);
  }
  return {
    p12,
    passphrase: DEMO_SIGNING_PASSPHRASE,
    source: 'demo',
    path: paths.p12,
    certificate: describeCertificate(key.certificate),
    demoCaPem: caPem,
  };
}

/** The CA certificates signatures are trusted under: MOTCUA_SIGNING_TRUST, plus the demo's TEST CA. */
export function loadTrustAnchors(
  config: Pick<Config, 'signingTrust'>,
  signer: LoadedSigner | null,
): X509Certificate[] {
  const anchors: X509Certificate[] = [];
  if (config.signingTrust) {
    let certs: X509Certificate[];
    try {
      certs = parsePemBundle(readable('MOTCUA_SIGNING_TRUST', config.signingTrust).toString('utf8'));
    } catch (e) {
      if (e instanceof ConfigError) throw e;
      throw new ConfigError(
        'MOTCUA_SIGNING_TRUST',
        `not a PEM bundle of certificates: ${(e as Error).message}`,
      );
    }
    if (certs.length === 0)
      throw new ConfigError('MOTCUA_SIGNING_TRUST', `${config.signingTrust} holds no PEM certificate`);
    anchors.push(...certs);
  }
  if (signer?.demoCaPem) anchors.push(...parsePemBundle(signer.demoCaPem));
  return anchors;
}
