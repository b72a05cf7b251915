/**
 * What a citizen portal shows of a procedure: the version in force, its documents grouped by case,
 * fees and time limits per channel, the e-form, and, for a deployment, where it is implemented
 * (local code, local fee amounts).
 */
import { type Static, Type } from '@sinclair/typebox';
import type { Db } from '../../db/client.js';
import { today } from '../org/service.js';
import { implementationsInTenant } from './repository.js';
import { ProcedureContentSchema } from './schemas.js';
import { getInForce } from './versions.js';

export const VersionSummary = Type.Object({
  versionNo: Type.Integer(),
  status: Type.String(),
  decisionNo: Type.Union([Type.String(), Type.Null()]),
  decisionDate: Type.Union([Type.String(), Type.Null()]),
  effectiveFrom: Type.Union([Type.String(), Type.Null()]),
  retiredOn: Type.Union([Type.String(), Type.Null()]),
  source: Type.String(),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
});

const DocumentCase = Type.Object({
  name: Type.String({ description: 'trường hợp' }),
  documents: ProcedureContentSchema.properties.documents,
});

export const ProcedureDetail = Type.Object({
  code: Type.String(),
  ministry: Type.Union([Type.String(), Type.Null()]),
  versionNo: Type.Integer(),
  status: Type.String(),
  retiredOn: Type.Union([Type.String(), Type.Null()]),
  source: Type.String(),
  sourceUrl: Type.Union([Type.String(), Type.Null()]),
  reviewFlags: Type.Array(Type.String()),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  content: ProcedureContentSchema,
  documentCases: Type.Array(DocumentCase),
  implementations: Type.Optional(
    Type.Array(
      Type.Object({
        agency: Type.String(),
        agencyName: Type.String(),
        level: Type.String(),
        localCode: Type.String(),
        feeOverrides: Type.Array(
          Type.Object({ label: Type.String(), amountVnd: Type.Integer(), note: Type.String() }),
        ),
        hasWorkflow: Type.Boolean(),
      }),
    ),
  ),
});

const GENERAL_CASE = 'Thành phần hồ sơ';

export async function procedureDetail(
  db: Db,
  code: string,
  q: { date?: string; tenant?: string },
): Promise<Static<typeof ProcedureDetail>> {
  const { procedure, view } = await getInForce(db, code, q.date ?? today());
  const cases = new Map<string, Static<typeof DocumentCase>>();
  for (const d of view.content.documents) {
    const name = d.group ?? GENERAL_CASE;
    const c = cases.get(name) ?? { name, documents: [] };
    cases.set(name, c);
    c.documents.push(d);
  }
  const detail: Static<typeof ProcedureDetail> = { ...view, documentCases: [...cases.values()] };
  if (q.tenant) {
    const rows = await implementationsInTenant(db, q.tenant, procedure.id);
    detail.implementations = rows.map((r) => ({
      agency: r.identifier,
      agencyName: r.name,
      level: r.level,
      localCode: r.local_code,
      feeOverrides: r.fee_overrides as { label: string; amountVnd: number; note: string }[],
      hasWorkflow: r.workflow_id !== null,
    }));
  }
  return detail;
}
