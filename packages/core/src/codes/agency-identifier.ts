/**
 * Electronic identifiers of agencies (mã định danh điện tử của cơ quan, tổ chức),
 * Decision 20/2020/QĐ-TTg as amended by Decision 09/2025/QĐ-TTg.
 *
 * Structure (see shared/domain/CODES.md §3): `<level 4: 3 chars>.<level 3: 2>.<level 2: 2>.<level 1: 3>`,
 * read right to left: level 1 is the ministry (G..) or province (H..); unused lower levels are zero-filled;
 * letters may appear in the lower levels (e.g. `000.A0.01.H26`).
 *
 * We validate syntax only. CODES.md forbids deriving business facts (such as the province) from the
 * code, so nothing here says which province or ministry a code belongs to.
 */

export interface AgencyIdentifierParts {
  level4: string;
  level3: string;
  level2: string;
  level1: string;
}

export type AgencyIdentifierProblem =
  | { code: 'FORMAT'; message: string; messageVi: string }
  | { code: 'LEVEL1'; message: string; messageVi: string }
  | { code: 'GAP'; message: string; messageVi: string };

const SHAPE = /^([0-9A-Z]{3})\.([0-9A-Z]{2})\.([0-9A-Z]{2})\.([A-Z][0-9]{2})$/;
/** Level 1 starts with G (ministries, ministerial-level agencies) or H (provinces). */
const LEVEL1 = /^[GH][0-9]{2}$/;

const isZero = (s: string) => /^0+$/.test(s);

export function parseAgencyIdentifier(
  raw: string,
):
  | { ok: true; value: string; parts: AgencyIdentifierParts }
  | { ok: false; problem: AgencyIdentifierProblem } {
  const value = raw.trim().toUpperCase();
  const m = SHAPE.exec(value);
  if (!m) {
    return {
      ok: false,
      problem: {
        code: 'FORMAT',
        message: `"${raw}" is not an agency identifier of the form XXX.XX.XX.HNN (Decision 20/2020/QĐ-TTg)`,
        messageVi: `"${raw}" không đúng định dạng mã định danh XXX.XX.XX.HNN (Quyết định 20/2020/QĐ-TTg)`,
      },
    };
  }
  const [, level4, level3, level2, level1] = m as unknown as [string, string, string, string, string];
  if (!LEVEL1.test(level1)) {
    return {
      ok: false,
      problem: {
        code: 'LEVEL1',
        message: `level 1 "${level1}" must be G (ministry) or H (province) followed by two digits`,
        messageVi: `mã cấp 1 "${level1}" phải là G (bộ, ngành) hoặc H (tỉnh, thành phố) và hai chữ số`,
      },
    };
  }
  // A lower level cannot be used while a higher one is zero-filled: the code would name a unit
  // with no parent in the identifier tree.
  if ((isZero(level2) && !(isZero(level3) && isZero(level4))) || (isZero(level3) && !isZero(level4))) {
    return {
      ok: false,
      problem: {
        code: 'GAP',
        message: `"${value}" uses a lower level under a zero-filled higher level`,
        messageVi: `"${value}" có cấp dưới nhưng cấp trên để trống (toàn số 0)`,
      },
    };
  }
  return { ok: true, value, parts: { level4, level3, level2, level1 } };
}

export function isAgencyIdentifier(raw: string): boolean {
  return parseAgencyIdentifier(raw).ok;
}

/**
 * The identifier of the parent unit in the identifier tree (the lowest used level zero-filled),
 * or null for a level-1 code. Used only to suggest a parent when an administrator registers an agency.
 */
export function parentAgencyIdentifier(raw: string): string | null {
  const parsed = parseAgencyIdentifier(raw);
  if (!parsed.ok) return null;
  const { level4, level3, level2, level1 } = parsed.parts;
  if (!isZero(level4)) return `000.${level3}.${level2}.${level1}`;
  if (!isZero(level3)) return `000.00.${level2}.${level1}`;
  if (!isZero(level2)) return `000.00.00.${level1}`;
  return null;
}
