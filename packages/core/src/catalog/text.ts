/**
 * Text normalisation shared by the catalogue parsers and the data build.
 * Source data mixes NFC and NFD Vietnamese, so every comparison goes through NFC first.
 */

/** NFC, every whitespace run (including newlines) collapsed to one space, trimmed. */
export function normalizeText(s: string): string {
  return s.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/**
 * Like normalizeText but keeps line structure: long free-text fields (steps, conditions,
 * notes) use newlines for their numbered items, and flattening them would make them unreadable.
 */
export function normalizeMultiline(s: string): string {
  return s
    .normalize('NFC')
    .replace(/\r\n?/gu, '\n')
    .split('\n')
    .map((line) => line.replace(/[^\S\n]+/gu, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
}

/** Combining tone marks: grave, acute, tilde, hook above, dot below. */
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/gu;

/**
 * Comparison key for Vietnamese names that ignores letter case and tone-mark placement
 * ("Hoà" ≡ "Hòa", "Thuỷ" ≡ "Thủy"). Both placements are in official use, so a difference in
 * placement alone never means a different name. Vowel quality marks (â, ơ, ư, ă, ê, ô) are kept:
 * they do change the name.
 */
export function vietnameseNameKey(s: string): string {
  return normalizeText(s)
    .toLowerCase()
    .normalize('NFD')
    .split(' ')
    .map((syllable) => {
      const tones = syllable.match(TONE_MARKS)?.join('') ?? '';
      return syllable.replace(TONE_MARKS, '') + tones;
    })
    .join(' ')
    .normalize('NFC');
}
