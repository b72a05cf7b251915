/**
 * The wizard's draft, kept in this browser's localStorage per citizen, deployment and procedure:
 * the chosen agency, the e-form's values, the cases and the documents chosen from the data store.
 * Files picked from the device cannot be kept there (a File is not serialisable, and a scan would
 * not fit), which the screen says.
 *
 * A submission in flight keeps its Idempotency-Key here too: after a lost answer and a reload,
 * the same submission sent again is recognised by the server rather than filed twice.
 */

export interface Draft {
  v: 1;
  savedAt: string;
  step: number;
  agency: string | null;
  values: Record<string, unknown>;
  cases: string[];
  /** document key (code or #n) → id of a document in the citizen's data store */
  reuse: Record<string, number>;
  /** the key of the submission last sent, and a hash of the body it was sent with */
  pending: { key: string; hash: string } | null;
}

const PREFIX = 'motcua.wizard';
const keyOf = (citizenId: number, tenant: string, code: string) => `${PREFIX}.${citizenId}.${tenant}.${code}`;

export function readDraft(citizenId: number, tenant: string, code: string): Draft | null {
  try {
    const raw = globalThis.localStorage?.getItem(keyOf(citizenId, tenant, code));
    if (!raw) return null;
    const d = JSON.parse(raw) as Partial<Draft>;
    if (d.v !== 1 || typeof d.savedAt !== 'string') return null;
    return {
      v: 1,
      savedAt: d.savedAt,
      step: typeof d.step === 'number' ? d.step : 0,
      agency: typeof d.agency === 'string' ? d.agency : null,
      values: d.values && typeof d.values === 'object' ? d.values : {},
      cases: Array.isArray(d.cases) ? d.cases.filter((c) => typeof c === 'string') : [],
      reuse: d.reuse && typeof d.reuse === 'object' ? d.reuse : {},
      pending: d.pending && typeof d.pending.key === 'string' ? d.pending : null,
    };
  } catch {
    return null;
  }
}

export function writeDraft(
  citizenId: number,
  tenant: string,
  code: string,
  d: Omit<Draft, 'v' | 'savedAt'>,
): void {
  try {
    localStorage.setItem(
      keyOf(citizenId, tenant, code),
      JSON.stringify({ v: 1, savedAt: new Date().toISOString(), ...d }),
    );
  } catch {
    // storage full or disabled (private browsing): the wizard works on, without a draft
  }
}

export function removeDraft(citizenId: number, tenant: string, code: string): void {
  try {
    localStorage.removeItem(keyOf(citizenId, tenant, code));
  } catch {
    // nothing to remove where storage is disabled
  }
}

/** A short, stable hash of a request body (FNV-1a over its JSON): is this the same intent? */
export function bodyHash(body: unknown): string {
  const s = JSON.stringify(body);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0') + s.length.toString(16);
}
