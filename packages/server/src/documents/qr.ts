/**
 * The QR code printed on the receipt: the public tracking URL, so an applicant can follow the
 * dossier from a phone without typing the code. Error correction M survives a creased or
 * stamped paper slip; a 4-module quiet zone is what the QR standard requires around the symbol.
 */
import QRCode from 'qrcode';

export const QR_ERROR_CORRECTION = 'M' as const;
export const QR_QUIET_ZONE = 4;
/** pixels per module in the embedded PNG; the PDF scales it, so this only has to be crisp */
export const QR_PIXELS_PER_MODULE = 4;

export interface QrMatrix {
  version: number;
  /** modules per side, without the quiet zone */
  size: number;
  /** rows of modules, true = dark */
  rows: boolean[][];
}

export function qrMatrix(text: string): QrMatrix {
  const code = QRCode.create(text, { errorCorrectionLevel: QR_ERROR_CORRECTION });
  const { size, data } = code.modules;
  const rows: boolean[][] = [];
  for (let r = 0; r < size; r++)
    rows.push(Array.from(data.subarray(r * size, (r + 1) * size), (v) => v === 1));
  return { version: code.version, size, rows };
}

/** The symbol as a black-on-white PNG with its quiet zone. */
export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, {
    type: 'png',
    errorCorrectionLevel: QR_ERROR_CORRECTION,
    margin: QR_QUIET_ZONE,
    scale: QR_PIXELS_PER_MODULE,
    color: { dark: '#000000', light: '#ffffff' },
  });
}
