import type { Messages } from '../app/messages.js';

/** The workspace area's texts. Vietnamese is the source; English must have the same keys. */
export const vi = {};

export const en: Messages<typeof vi> = {};
