/**
 * Signs a PDF (MotCua's own forms and result documents, or an uploaded PDF) as PAdES B-B: an
 * incremental update with an ETSI.CAdES.detached signature over the whole file but the signature
 * value. @signpdf/signpdf computes the byte range and writes the value; our Signer builds the CMS.
 */
import { X509Certificate } from 'node:crypto';
import { SignPdf } from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import { readP12, type SignerCredentials, type SigningKey } from './certificate.js';
import { buildCadesSignature } from './cms.js';
import { signingErrors } from './errors.js';
import { addSignaturePlaceholder, type SignatureFields } from './placeholder.js';

export type SignatureMeta = SignatureFields;

class CadesSigner extends Signer {
  constructor(private readonly signing: SigningKey) {
    super();
  }

  override async sign(content: Buffer): Promise<Buffer> {
    return buildCadesSignature(content, this.signing.key, [this.signing.certificate, ...this.signing.chain]);
  }
}

// Room for the CMS: the certificates, the signature (at most 1 KB for RSA-8192) and the
// attributes, with a margin; the unused part stays zero-filled, as PDF readers expect.
const reserve = (signing: SigningKey) =>
  Math.max(8192, signing.certificate.length + signing.chain.reduce((n, c) => n + c.length, 0) + 4096);

/**
 * Returns the signed PDF. Refuses what is not a PDF, an encrypted PDF, unreadable credentials and
 * a certificate that is not valid at `meta.signingTime`.
 */
export async function signPdf(pdf: Buffer, signer: SignerCredentials, meta: SignatureMeta): Promise<Buffer> {
  const signing = readP12(signer.p12, signer.passphrase);
  const cert = new X509Certificate(signing.certificate);
  const notBefore = new Date(cert.validFrom);
  const notAfter = new Date(cert.validTo);
  const at = meta.signingTime.getTime();
  if (at < notBefore.getTime() || at > notAfter.getTime())
    throw signingErrors.certificateNotValidAt(meta.signingTime, notBefore, notAfter);

  const reserved = reserve(signing);
  const { pdf: prepared } = await addSignaturePlaceholder(pdf, meta, reserved);
  try {
    return await new SignPdf().sign(prepared, new CadesSigner(signing));
  } catch (e) {
    const m = /Signature exceeds placeholder length: (\d+) > (\d+)/.exec((e as Error).message);
    if (m) throw signingErrors.signatureTooLarge(Number(m[1]) / 2, Number(m[2]) / 2);
    throw e;
  }
}
