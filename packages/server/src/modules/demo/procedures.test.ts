/**
 * The demo procedures against the national catalogue (data/procedures), the e-form rules of the
 * catalogue (Ajv draft 2020-12, strict) and core's workflow validator with the staff of
 * definitions.ts. A plain unit test: no database.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import {
  longestPath,
  PROCEDURE_CODE,
  RESULT_CODE,
  STEP_CODE,
  strictestLimit,
  validateWorkflow,
  type WorkflowContext,
  type WorkflowDefinition,
} from '@motcua/core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import {
  COMMUNE_DEPARTMENTS,
  HANOI_PROVINCIAL,
  HANOI_STAFFED_COMMUNES,
  hanoiAccounts,
} from './definitions.js';
import { DEMO_FORM_SAMPLES, DEMO_PROCEDURES, type DemoProcedure } from './procedures.js';

interface NationalRecord {
  code: string;
  name: string;
  field: string | null;
  decisionNo: string | null;
  levels: string[];
  procedureType: string | null;
  applicantTypes: string[];
  channels: { channel: string }[];
  result: { text: string | null; codes: string[] } | null;
}

const catalogue = new Map<string, NationalRecord>(
  gunzipSync(readFileSync(new URL('../../../../../data/procedures/procedures.jsonl.gz', import.meta.url)))
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const r = JSON.parse(l) as NationalRecord;
      return [r.code, r] as const;
    }),
);

function newAjv() {
  // as the catalogue does on save: unknown keywords and formats are mistakes
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats.default(ajv);
  return ajv;
}

const STANDARD_DAY_MINUTES = 480;
const byCode = (code: string) => DEMO_PROCEDURES.find((d) => d.code === code)!;
const identifier = (key: string) => HANOI_PROVINCIAL.find((a) => a.key === key)!.identifier;

/** Every string inside a value, with its path. */
function* strings(v: unknown, path = ''): Generator<[string, string]> {
  if (typeof v === 'string') yield [path, v];
  else if (Array.isArray(v)) for (const [i, x] of v.entries()) yield* strings(x, `${path}/${i}`);
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      yield [`${path}/${k}#key`, k];
      yield* strings(x, `${path}/${k}`);
    }
}

describe('demo procedures: the catalogue', () => {
  it('has at least ten procedures with distinct codes, at commune and at provincial level', () => {
    expect(DEMO_PROCEDURES.length).toBeGreaterThanOrEqual(10);
    expect(new Set(DEMO_PROCEDURES.map((d) => d.code)).size).toBe(DEMO_PROCEDURES.length);
    expect(DEMO_PROCEDURES.some((d) => d.implementedBy.communes === 'all')).toBe(true);
    expect(DEMO_PROCEDURES.some((d) => d.implementedBy.provincial.length > 0)).toBe(true);
  });

  it.each(DEMO_PROCEDURES.map((d) => [d.code, d] as const))(
    '%s is the national record, completed',
    (code, d) => {
      expect(code).toMatch(PROCEDURE_CODE);
      const r = catalogue.get(code);
      expect(r, `${code} is not in data/procedures`).toBeDefined();
      if (!r) return;
      const c = d.content;
      expect(c.name).toBe(r.name);
      expect(c.fieldName).toBe(r.field);
      expect(c.levels).toEqual(r.levels);
      expect(c.procedureType).toBe(r.procedureType);
      expect(c.applicantTypes).toEqual(r.applicantTypes);
      expect(c.decisionNo).toBe(r.decisionNo);
      expect(c.legalBasis.length).toBeGreaterThan(0);
      // results carry the record's national result codes
      expect(c.results.length).toBeGreaterThan(0);
      for (const res of c.results) {
        expect(res.code).toMatch(RESULT_CODE);
        expect(r.result?.codes).toContain(res.code);
      }
    },
  );

  it.each(DEMO_PROCEDURES.map((d) => [d.code, d] as const))(
    '%s: every channel has a time limit and clear fees',
    (code, d) => {
      const c = d.content;
      const recordChannels = new Set(catalogue.get(code)?.channels.map((x) => x.channel));
      expect(c.channels.length).toBeGreaterThan(0);
      expect(c.channels.length).toBeLessThanOrEqual(3);
      for (const ch of c.channels) {
        expect(recordChannels.has(ch.channel), `${ch.channel} is not a channel of the record`).toBe(true);
        expect(ch.timeLimit.value).toBeGreaterThan(0);
        expect(ch.timeLimit.unit).not.toBeNull();
        expect(ch.timeLimit.raw).toBeTruthy();
        if (ch.timeLimit.unit === 'same_day') expect(ch.timeLimit.value).toBe(1);
        expect(ch.fees.ambiguous).toBe(false);
        expect(ch.fees.items.length).toBeGreaterThan(0);
        for (const f of ch.fees.items) {
          expect(f.label).toBeTruthy();
          expect(f.text).toBeTruthy();
          if (f.free || f.councilSet) expect(f.amountVnd).toBeNull();
          else expect(Number.isInteger(f.amountVnd) && (f.amountVnd as number) > 0).toBe(true);
          expect(f.free && f.councilSet).toBeFalsy();
        }
      }
      expect(strictestLimit(c.channels, STANDARD_DAY_MINUTES)).not.toBeNull();
      // the online level matches the channels: no online channel, no online service
      expect(c.onlineLevel === 'none').toBe(!c.channels.some((ch) => ch.channel === 'online'));
    },
  );

  it.each(DEMO_PROCEDURES.map((d) => [d.code, d] as const))(
    '%s: documents have unique codes and a case',
    (_code, d) => {
      const codes = d.content.documents.map((x) => x.code);
      expect(codes.every((x) => typeof x === 'string' && /^[A-Z0-9_]{1,40}$/.test(x))).toBe(true);
      expect(new Set(codes).size).toBe(codes.length);
      expect(d.content.documents.some((x) => x.required)).toBe(true);
      for (const x of d.content.documents) {
        expect(x.group).toBeTruthy();
        expect(
          [x.originals, x.certifiedCopies, x.copies].every((n) => Number.isInteger(n) && (n as number) >= 0),
        ).toBe(true);
        for (const s of x.satisfiedBy ?? []) {
          expect(PROCEDURE_CODE.test(s) || RESULT_CODE.test(s), s).toBe(true);
          if (PROCEDURE_CODE.test(s)) expect(catalogue.has(s), `${s} is not in data/procedures`).toBe(true);
        }
      }
    },
  );

  it('is written in NFC Vietnamese', () => {
    for (const [path, s] of strings({ procedures: DEMO_PROCEDURES, samples: DEMO_FORM_SAMPLES }))
      expect(s === s.normalize('NFC'), path).toBe(true);
  });
});

describe('demo procedures: e-forms', () => {
  it.each(DEMO_PROCEDURES.map((d) => [d.code, d] as const))(
    '%s: the schema compiles and fits its sample',
    (code, d) => {
      const eform = d.content.eform;
      expect(eform).not.toBeNull();
      if (!eform) return;
      const { schema, uiSchema } = eform;
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.type).toBe('object');
      const props = Object.keys(schema.properties as Record<string, unknown>);
      // ui:order names every field once, and only fields of the schema
      expect([...(uiSchema['ui:order'] as string[])].sort()).toEqual([...props].sort());

      const validate = newAjv().compile(schema);
      const sample = DEMO_FORM_SAMPLES[code];
      expect(sample, `no sample form data for ${code}`).toBeDefined();
      expect(validate(sample), JSON.stringify(validate.errors)).toBe(true);

      // obviously bad: a required field missing, a field the form does not have
      const required = schema.required as string[];
      expect(required.length).toBeGreaterThan(0);
      for (const field of required) {
        const bad = { ...sample };
        delete bad[field];
        expect(validate(bad), `${code} accepts data without ${field}`).toBe(false);
      }
      expect(validate({ ...sample, truongKhongCo: 'x' })).toBe(false);
    },
  );

  it('checks identity numbers, dates and names where the form asks for them', () => {
    const birth = newAjv().compile(byCode('1.001193').content.eform!.schema);
    const sample = DEMO_FORM_SAMPLES['1.001193'] as {
      nguoiYeuCau: Record<string, unknown>;
      tre: Record<string, unknown>;
    };
    expect(birth({ ...sample, nguoiYeuCau: { ...sample.nguoiYeuCau, soDinhDanh: '00119401234' } })).toBe(
      false,
    );
    expect(birth({ ...sample, tre: { ...sample.tre, ngaySinh: '2026-02-30' } })).toBe(false);
    expect(birth({ ...sample, tre: { ...sample.tre, gioiTinh: 'khac' } })).toBe(false);
    expect(birth({ ...sample, tre: { ...sample.tre, hoTen: 'Khôi 123' } })).toBe(false);
    const hkd = newAjv().compile(byCode('1.001612').content.eform!.schema);
    const h = DEMO_FORM_SAMPLES['1.001612'] as { hoKinhDoanh: Record<string, unknown> };
    expect(hkd({ ...h, hoKinhDoanh: { ...h.hoKinhDoanh, ten: 'Phở Hương' } })).toBe(false);
    const copies = newAjv().compile(byCode('2.000635').content.eform!.schema);
    // an organisation must give its name and reason
    expect(copies({ ...DEMO_FORM_SAMPLES['2.000635'], loaiNguoiYeuCau: 'co_quan_to_chuc' })).toBe(false);
    expect(
      copies({
        ...DEMO_FORM_SAMPLES['2.000635'],
        loaiNguoiYeuCau: 'co_quan_to_chuc',
        coQuanToChuc: 'Tòa án nhân dân khu vực 1 - Hà Nội',
        lyDo: 'Phục vụ giải quyết vụ việc dân sự',
      }),
    ).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Workflows, with the agencies, departments and staff of the demo deployment

const COMMUNE_KEY = `commune:${HANOI_STAFFED_COMMUNES[0]!.code}`;
/** A staffed commune's People's Committee (its identifier is generated by the seed). */
const COMMUNE_ID = '000.70.00.H26';

function agencies(): WorkflowContext['agencies'] {
  const accounts = hanoiAccounts();
  const rolesOf = (key: string) =>
    new Set(
      accounts
        .filter((a) => a.agency === key)
        .map((a) => (a.department ? `${a.department}:${a.role}` : a.role)),
    );
  const m = new Map<string, { departments: Set<string>; roles: Set<string> }>();
  for (const a of HANOI_PROVINCIAL)
    m.set(a.identifier, { departments: new Set(a.departments.map((x) => x.code)), roles: rolesOf(a.key) });
  m.set(COMMUNE_ID, {
    departments: new Set(COMMUNE_DEPARTMENTS.map((x) => x.code)),
    roles: rolesOf(COMMUNE_KEY),
  });
  return m;
}

function contextFor(d: DemoProcedure, agencyKey: string): WorkflowContext {
  const limit = strictestLimit(d.content.channels, STANDARD_DAY_MINUTES);
  return {
    agency: agencyKey === 'commune' ? COMMUNE_ID : identifier(agencyKey),
    limitHours: limit?.hours ?? null,
    limitApproximate: limit?.approximate ?? false,
    agencies: agencies(),
    // liên thông targets: agencies with a workflow of their own for the procedure
    jointTargets: new Set(d.workflows.filter((w) => w.agency !== 'commune').map((w) => identifier(w.agency))),
  };
}

const workflows = DEMO_PROCEDURES.flatMap((d) =>
  d.workflows.map((w) => [d.code, w.agency, d, w.definition] as const),
);

describe('demo procedures: workflows', () => {
  it('has a workflow for each implementing agency kind, and only for those', () => {
    for (const d of DEMO_PROCEDURES) {
      const kinds = d.workflows.map((w) => w.agency);
      expect(new Set(kinds).size, d.code).toBe(kinds.length);
      expect(kinds.includes('commune'), d.code).toBe(d.implementedBy.communes === 'all');
      expect(kinds.filter((k) => k !== 'commune').sort(), d.code).toEqual(
        [...d.implementedBy.provincial].sort(),
      );
      for (const k of d.implementedBy.provincial)
        expect(HANOI_PROVINCIAL.some((a) => a.key === k)).toBe(true);
      if (d.receivingAgency) expect(HANOI_PROVINCIAL.some((a) => a.key === d.receivingAgency)).toBe(true);
    }
  });

  it.each(workflows)('%s at %s passes core validation with the demo staff', (_code, agency, d, def) => {
    for (const s of def.steps) expect(s.code).toMatch(STEP_CODE);
    const v = validateWorkflow(def, contextFor(d, agency));
    expect(v.errors).toEqual([]);
    expect(v.warnings.filter((w) => w.code !== 'LIMIT_APPROXIMATE')).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.longestPathHours).toBeLessThanOrEqual(v.limitHours!);
    // a refusal branch on a negative appraisal
    expect(
      def.steps.some((s) =>
        s.next.some(
          (e) =>
            e.when &&
            'outcome' in e.when &&
            e.when.outcome === 'negative' &&
            byStep(def, e.to)?.end === 'refusal',
        ),
      ),
    ).toBe(true);
  });

  it('provincial procedures are received and returned by the one-stop centre', () => {
    const centre = identifier('ttpvhcc');
    for (const d of DEMO_PROCEDURES.filter((x) => x.receivingAgency === 'ttpvhcc'))
      for (const w of d.workflows.filter((x) => x.agency !== 'commune')) {
        const first = byStep(w.definition, w.definition.start)!;
        expect(
          first.kind === 'task' && first.agency === centre && first.role === 'receiving_officer',
          d.code,
        ).toBe(true);
        const results = w.definition.steps.filter((s) => s.end === 'result');
        expect(
          results.every(
            (s) => s.kind === 'task' && s.agency === centre && s.actions.includes('return_result'),
          ),
        ).toBe(true);
      }
  });

  it('has one liên thông procedure across two agencies and two levels', () => {
    const snnmt = identifier('snnmt');
    const joints = DEMO_PROCEDURES.filter((d) =>
      d.workflows.some((w) => w.agency === 'commune' && w.definition.steps.some((s) => s.kind === 'joint')),
    );
    expect(joints.map((d) => d.code)).toEqual(['1.013978']);
    const d = joints[0]!;
    const commune = d.workflows.find((w) => w.agency === 'commune')!.definition;
    const step = commune.steps.find((s) => s.kind === 'joint')!;
    expect(step.kind === 'joint' && step.agency === snnmt && step.procedure === null).toBe(true);
    // the province implements the same procedure with its own workflow, within its share
    expect(d.implementedBy.communes).toBe('all');
    expect(d.implementedBy.provincial).toContain('snnmt');
    const province = d.workflows.find((w) => w.agency === 'snnmt')!.definition;
    expect(province.steps.every((s) => s.kind === 'task' && (s.agency ?? snnmt) === snnmt)).toBe(true);
    expect(province.steps.some((s) => s.end === 'result')).toBe(true);
    expect(longestPath(province).hours).toBeLessThanOrEqual(step.budgetHours);
    expect(longestPath(province).hours).toBeGreaterThan(0);
  });
});

function byStep(def: WorkflowDefinition, code: string) {
  return def.steps.find((s) => s.code === code);
}
