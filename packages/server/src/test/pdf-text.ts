/**
 * A PDF as a reader's copy would give it (pdfjs): its text, every page, whitespace collapsed, and
 * its pages' sizes in points. What the tests of generated documents check their Vietnamese and
 * their A4 orientation against.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export async function readPdf(
  pdf: Uint8Array,
): Promise<{ text: string; pages: { width: number; height: number }[] }> {
  const doc = await getDocument({
    data: new Uint8Array(pdf),
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    verbosity: 0,
  }).promise;
  const texts: string[] = [];
  const pages: { width: number; height: number }[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [, , width = 0, height = 0] = page.view;
    pages.push({ width, height });
    const content = await page.getTextContent();
    texts.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
  }
  await doc.destroy();
  return { text: texts.join(' ').replace(/\s+/g, ' '), pages };
}

export const pdfText = async (pdf: Uint8Array) => (await readPdf(pdf)).text;
