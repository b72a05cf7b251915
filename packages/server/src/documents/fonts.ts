/**
 * The forms' typeface: Tinos, a Times-compatible serif (the administrative-document rules ask for
 * a Times-style Vietnamese font) whose full TTF files cover every precomposed Vietnamese letter.
 * The PDF standard fonts (Times-Roman…) only know WinAnsi and would drop "ư", "ơ", "đ" and most
 * tone marks, so the TTFs are always embedded (as subsets).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const FONT = {
  regular: 'Tinos',
  bold: 'Tinos-Bold',
  italic: 'Tinos-Italic',
  boldItalic: 'Tinos-BoldItalic',
} as const;
export type FontName = (typeof FONT)[keyof typeof FONT];

const FILES: Record<FontName, string> = {
  [FONT.regular]: '@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf',
  [FONT.bold]: '@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf',
  [FONT.italic]: '@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf',
  [FONT.boldItalic]: '@expo-google-fonts/tinos/700Bold_Italic/Tinos_700Bold_Italic.ttf',
};

const require = createRequire(import.meta.url);

/** Absolute path of a Tinos face, resolved like an import so it works from src/ and dist/. */
export function fontPath(name: FontName): string {
  return require.resolve(FILES[name]);
}

const cache = new Map<FontName, Buffer>();

/** The TTF bytes, read once per process. */
export function fontBytes(name: FontName): Buffer {
  let bytes = cache.get(name);
  if (!bytes) {
    bytes = readFileSync(fontPath(name));
    cache.set(name, bytes);
  }
  return bytes;
}

/** Register the four faces on a document under the FONT names. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const name of Object.values(FONT)) doc.registerFont(name, fontBytes(name));
}
