/**
 * Implementation by agencies and internal workflows through the API: assignment to every commune
 * at once, workflows saved only when valid against the deployment, templates bulk-applied, liên
 * thông between two agencies of two levels, local fees, exchange documents.
 */
import type { TaskStep, WorkflowDefinition } from '@motcua/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Session, signIn, testApp } from '../../test/app.js';
import { type TestDatabase, testDatabase } from '../../test/db.js';

let t: TestDatabase;
let app: Awaited<ReturnType<typeof testApp>>;
let admin: Session;
let communeAdmin: Session;
let hoanKiem: string;
let otherCommune: string;
const SNNMT = '000.00.12.H26';
const MEDIATOR = '1.002211'; // công nhận hòa giải viên (cấp xã): 5 working days
const SUPPORT = '1.002544'; // hỗ trợ phát triển sản xuất cộng đồng: 20 working days

const communeIdentifier = async (unitCode: string) =>
  (
    await t.db
      .selectFrom('agencies as a')
      .innerJoin('admin_units as u', 'u.id', 'a.admin_unit_id')
      .innerJoin('tenants as tn', 'tn.id', 'a.tenant_id')
      .select('a.identifier')
      .where('u.code', '=', unitCode)
      .where('tn.code', '=', 'ha-noi')
      .where('a.kind', '=', 'people_committee')
      .executeTakeFirstOrThrow()
  ).identifier;

beforeAll(async () => {
  t = await testDatabase('demo');
  app = await testApp(t.db);
  admin = await signIn(app, 'admin');
  communeAdmin = await signIn(app, 'quantri.hoankiem');
  hoanKiem = await communeIdentifier('00070');
  otherCommune = await communeIdentifier('00004'); // Ba Đình: no staff in the demo
});

const send = (method: 'POST' | 'PUT' | 'PATCH', url: string, s: Session, payload: unknown) =>
  app.inject({ method, url, headers: s.headers, payload: payload as object });
const get = (url: string, s: Session) => app.inject({ method: 'GET', url, headers: s.headers });

async function implementationId(code: string, agency: string) {
  const list = (await get(`/api/v1/admin/procedures/${code}/implementations`, admin)).json();
  const found = list.find((i: { agency: string }) => i.agency === agency);
  if (!found) throw new Error(`${code} is not implemented by ${agency}`);
  return found.id as number;
}

/** A commune workflow: receive → appraise (refusal branch) → sign → return; budgets sum to 36 h. */
function communeWorkflow(): WorkflowDefinition {
  const task = (
    s: Partial<TaskStep> & Pick<TaskStep, 'code' | 'name' | 'role' | 'budgetHours'>,
  ): TaskStep => ({
    kind: 'task',
    agency: null,
    department: null,
    actions: ['forward'],
    next: [],
    ...s,
  });
  return {
    start: 'TIEP_NHAN',
    steps: [
      task({
        code: 'TIEP_NHAN',
        name: 'Tiếp nhận hồ sơ',
        role: 'receiving_officer',
        budgetHours: 4,
        next: [{ to: 'THAM_DINH' }],
      }),
      task({
        code: 'THAM_DINH',
        name: 'Thẩm định',
        role: 'specialist',
        department: 'VHXH',
        budgetHours: 24,
        actions: ['forward', 'request_supplement', 'consult', 'return'],
        consultations: [{ agency: null, department: 'VP', budgetHours: 8 }],
        next: [{ to: 'TU_CHOI', when: { outcome: 'negative' } }, { to: 'KY' }],
      }),
      task({
        code: 'KY',
        name: 'Ký duyệt',
        role: 'agency_leader',
        budgetHours: 4,
        actions: ['approve', 'sign'],
        next: [{ to: 'TRA_KET_QUA' }],
      }),
      task({
        code: 'TU_CHOI',
        name: 'Ký văn bản từ chối',
        role: 'agency_leader',
        budgetHours: 4,
        actions: ['sign', 'refuse'],
        end: 'refusal',
      }),
      task({
        code: 'TRA_KET_QUA',
        name: 'Trả kết quả',
        role: 'receiving_officer',
        budgetHours: 4,
        actions: ['return_result'],
        end: 'result',
      }),
    ],
  };
}

describe('assigning a procedure to agencies', () => {
  it('assigns to every commune in one action, again without duplicates', async () => {
    const communes = await t.db
      .selectFrom('agencies as a')
      .innerJoin('tenants as tn', 'tn.id', 'a.tenant_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tn.code', '=', 'ha-noi')
      .where('a.level', '=', 'commune')
      .where('a.kind', '=', 'people_committee')
      .executeTakeFirstOrThrow();
    const first = await send('POST', `/api/v1/admin/procedures/${MEDIATOR}/implementations`, admin, {
      allCommunes: true,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ agencies: Number(communes.n), created: Number(communes.n) });
    expect(Number(communes.n)).toBeGreaterThan(100);
    const again = await send('POST', `/api/v1/admin/procedures/${MEDIATOR}/implementations`, admin, {
      allCommunes: true,
    });
    expect(again.json()).toMatchObject({ created: 0, unchanged: Number(communes.n) });
    const list = (await get(`/api/v1/admin/procedures/${MEDIATOR}/implementations`, admin)).json();
    expect(list.find((i: { agency: string }) => i.agency === hoanKiem)).toMatchObject({
      localCode: `${MEDIATOR}.${hoanKiem}`,
      workflow: null,
      active: true,
    });
  });

  it('refuses unknown agencies and agencies outside the administrator’s reach', async () => {
    const unknown = await send('POST', `/api/v1/admin/procedures/${MEDIATOR}/implementations`, admin, {
      agencies: ['000.00.99.H99'],
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error).toMatchObject({
      code: 'AGENCY_UNKNOWN',
      details: { agencies: ['000.00.99.H99'] },
    });
    const outside = await send('POST', `/api/v1/admin/procedures/${SUPPORT}/implementations`, communeAdmin, {
      agencies: [SNNMT],
    });
    expect(outside.statusCode).toBe(403);
    const everyCommune = await send(
      'POST',
      `/api/v1/admin/procedures/${SUPPORT}/implementations`,
      communeAdmin,
      {
        allCommunes: true,
      },
    );
    expect(everyCommune.statusCode).toBe(403);
    const own = await send('POST', `/api/v1/admin/procedures/${SUPPORT}/implementations`, communeAdmin, {
      agencies: [hoanKiem],
    });
    expect(own.statusCode).toBe(200);
  });
});

describe('internal workflows', () => {
  it('saves a valid workflow as version 1, then version 2, keeping both', async () => {
    const id = await implementationId(MEDIATOR, hoanKiem);
    const dry = await send(
      'POST',
      `/api/v1/admin/implementations/${id}/workflow/validate`,
      communeAdmin,
      communeWorkflow(),
    );
    expect(dry.json()).toMatchObject({ ok: true, longestPathHours: 36, limitHours: 40 });
    const v1 = await send(
      'PUT',
      `/api/v1/admin/implementations/${id}/workflow`,
      communeAdmin,
      communeWorkflow(),
    );
    expect(v1.statusCode).toBe(200);
    expect(v1.json()).toMatchObject({ versionNo: 1, validation: { ok: true } });
    const faster = communeWorkflow();
    (faster.steps[1] as TaskStep).budgetHours = 16;
    const v2 = await send('PUT', `/api/v1/admin/implementations/${id}/workflow`, communeAdmin, faster);
    expect(v2.json()).toMatchObject({ versionNo: 2, validation: { longestPathHours: 28 } });
    const wf = (await get(`/api/v1/admin/implementations/${id}/workflow`, communeAdmin)).json();
    expect(wf.current.versionNo).toBe(2);
    expect(wf.versions.map((v: { versionNo: number }) => v.versionNo)).toEqual([2, 1]);
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'workflow.save')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[1]?.before).toMatchObject({ versionNo: 1 });
  });

  it('refuses budgets over the legal limit, missing roles, unknown departments, and loops without exit; saves nothing', async () => {
    const id = await implementationId(MEDIATOR, hoanKiem);
    const refuse = async (def: WorkflowDefinition, code: string, s = communeAdmin, implId = id) => {
      const r = await send('PUT', `/api/v1/admin/implementations/${implId}/workflow`, s, def);
      expect(r.statusCode, r.body).toBe(422);
      expect(r.json().error.code).toBe('WORKFLOW_INVALID');
      expect(r.json().error.details.errors.map((e: { code: string }) => e.code)).toContain(code);
      expect(r.json().error.messageVi).toMatch(/quy trình chưa hợp lệ/);
      return r.json().error;
    };
    const slow = communeWorkflow();
    (slow.steps[1] as TaskStep).budgetHours = 40;
    const e = await refuse(slow, 'BUDGET_EXCEEDS_LIMIT');
    expect(e.details).toMatchObject({ longestPathHours: 52, limitHours: 40 });

    const badDept = communeWorkflow();
    (badDept.steps[1] as TaskStep).department = 'PHONG_KHONG_CO';
    await refuse(badDept, 'DEPARTMENT_UNKNOWN');

    const loop = communeWorkflow();
    // appraisal and signing send the dossier back and forth with no way out
    (loop.steps[1] as TaskStep).next = [{ to: 'KY' }];
    (loop.steps[2] as TaskStep).next = [{ to: 'THAM_DINH' }];
    await refuse(loop, 'NO_EXIT');

    const negative = communeWorkflow();
    (negative.steps[0] as TaskStep).budgetHours = -2;
    await refuse(negative, 'BUDGET_INVALID');

    // an unstaffed commune has no specialist to appraise
    await send('POST', `/api/v1/admin/procedures/${MEDIATOR}/implementations`, admin, {
      agencies: [otherCommune],
    });
    await refuse(communeWorkflow(), 'ROLE_MISSING', admin, await implementationId(MEDIATOR, otherCommune));

    const wf = (await get(`/api/v1/admin/implementations/${id}/workflow`, communeAdmin)).json();
    expect(wf.current.versionNo).toBe(2); // unchanged by every refusal
  });

  it('a liên thông step hands over to a provincial agency that has its own workflow', async () => {
    // the Department of Agriculture and Environment's own part, received at the provincial centre
    await send('POST', `/api/v1/admin/procedures/${SUPPORT}/implementations`, admin, { agencies: [SNNMT] });
    const joint: WorkflowDefinition = {
      start: 'TIEP_NHAN',
      steps: [
        {
          kind: 'task',
          code: 'TIEP_NHAN',
          name: 'Tiếp nhận',
          agency: null,
          department: null,
          role: 'receiving_officer',
          budgetHours: 4,
          actions: ['forward'],
          next: [{ to: 'XAC_MINH' }],
        },
        {
          kind: 'task',
          code: 'XAC_MINH',
          name: 'Xác minh tại xã',
          agency: null,
          department: 'VHXH',
          role: 'specialist',
          budgetHours: 24,
          actions: ['forward', 'request_supplement'],
          next: [{ to: 'LIEN_THONG' }],
        },
        {
          kind: 'joint',
          code: 'LIEN_THONG',
          name: 'Sở Nông nghiệp và Môi trường thẩm định',
          agency: SNNMT,
          procedure: null,
          budgetHours: 96,
          next: [{ to: 'TRA_KET_QUA' }],
        },
        {
          kind: 'task',
          code: 'TRA_KET_QUA',
          name: 'Trả kết quả',
          agency: null,
          department: null,
          role: 'receiving_officer',
          budgetHours: 4,
          actions: ['return_result'],
          next: [],
          end: 'result',
        },
      ],
    };
    const communeImpl = await implementationId(SUPPORT, hoanKiem);
    const early = await send('PUT', `/api/v1/admin/implementations/${communeImpl}/workflow`, admin, joint);
    expect(early.statusCode).toBe(422);
    expect(early.json().error.details.errors.map((e: { code: string }) => e.code)).toContain(
      'JOINT_TARGET_NO_WORKFLOW',
    );

    const provincial: WorkflowDefinition = {
      start: 'THAM_DINH',
      steps: [
        {
          kind: 'task',
          code: 'THAM_DINH',
          name: 'Thẩm định',
          agency: null,
          department: 'QLDD',
          role: 'specialist',
          budgetHours: 56,
          actions: ['forward', 'consult'],
          next: [{ to: 'KY' }],
        },
        {
          kind: 'task',
          code: 'KY',
          name: 'Lãnh đạo Sở ký',
          agency: null,
          department: null,
          role: 'agency_leader',
          budgetHours: 16,
          actions: ['approve', 'sign'],
          next: [{ to: 'BAN_HANH' }],
        },
        {
          kind: 'task',
          code: 'BAN_HANH',
          name: 'Vào sổ, ban hành',
          agency: null,
          department: null,
          role: 'clerk',
          budgetHours: 8,
          actions: ['issue_result'],
          next: [],
          end: 'result',
        },
      ],
    };
    const snnmtImpl = await implementationId(SUPPORT, SNNMT);
    expect(
      (await send('PUT', `/api/v1/admin/implementations/${snnmtImpl}/workflow`, admin, provincial))
        .statusCode,
    ).toBe(200);
    const ok = await send('PUT', `/api/v1/admin/implementations/${communeImpl}/workflow`, admin, joint);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().validation).toMatchObject({ ok: true, longestPathHours: 128, limitHours: 160 });

    const greedy = structuredClone(joint);
    (greedy.steps[2] as { budgetHours: number }).budgetHours = 140;
    const over = await send(
      'POST',
      `/api/v1/admin/implementations/${communeImpl}/workflow/validate`,
      admin,
      greedy,
    );
    expect(over.json().errors.map((e: { code: string }) => e.code)).toContain('BUDGET_EXCEEDS_LIMIT');
  });
});

describe('templates', () => {
  it('bulk-applies a template all or nothing, or where valid on request', async () => {
    const list = (await get('/api/v1/admin/workflow-templates', admin)).json();
    expect(list.map((x: { id: string }) => x.id)).toEqual(
      expect.arrayContaining(['standard', 'simple', 'joint']),
    );
    const all = await send('POST', '/api/v1/admin/workflow-templates/standard/apply', admin, {
      procedures: [MEDIATOR],
      target: { allCommunes: true },
      department: 'VHXH',
    });
    expect(all.statusCode).toBe(422);
    expect(all.json().error.code).toBe('TEMPLATE_APPLY_FAILED');
    expect(all.json().error.details.results[0].error.code).toBe('ROLE_MISSING');
    const untouched = (
      await get(`/api/v1/admin/implementations/${await implementationId(MEDIATOR, hoanKiem)}/workflow`, admin)
    ).json();
    expect(untouched.current.versionNo).toBe(2);

    const some = await send('POST', '/api/v1/admin/workflow-templates/standard/apply', admin, {
      procedures: [MEDIATOR],
      target: { allCommunes: true },
      department: 'VHXH',
      skipInvalid: true,
    });
    expect(some.statusCode).toBe(200);
    expect(some.json().applied).toBe(3); // the three staffed communes
    const wf = (
      await get(`/api/v1/admin/implementations/${await implementationId(MEDIATOR, hoanKiem)}/workflow`, admin)
    ).json();
    expect(wf.current.versionNo).toBe(3);
    expect(wf.versions[0]).toMatchObject({ templateCode: 'standard' });
    expect(wf.versions[0].longestPathHours).toBeLessThanOrEqual(40);
  });
});

describe('local fees', () => {
  it('accepts amounts only for fees the procedure names', async () => {
    const id = await implementationId(MEDIATOR, hoanKiem);
    const bad = await send('PATCH', `/api/v1/admin/implementations/${id}`, communeAdmin, {
      feeOverrides: [{ label: 'Phí không có', amountVnd: 5000, note: 'x' }],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('FEE_LABEL_UNKNOWN');
    const off = await send('PATCH', `/api/v1/admin/implementations/${id}`, communeAdmin, { active: false });
    expect(off.json()).toMatchObject({ active: false });
  });
});

describe('exchange between provinces', () => {
  it('exports a procedure with a workflow and imports it into a draft, never over a published version', async () => {
    const exp = await get(`/api/v1/admin/procedures/${SUPPORT}/export?agency=${SNNMT}`, admin);
    expect(exp.statusCode).toBe(200);
    const doc = exp.json();
    expect(doc).toMatchObject({
      format: 'motcua.procedure/1',
      procedure: { code: SUPPORT },
      implementation: { agency: SNNMT },
    });
    expect(doc.implementation.workflow.steps).toHaveLength(3);

    const same = await send('POST', '/api/v1/admin/procedures/import', admin, doc);
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json()).toMatchObject({ unchanged: true, draft: null, workflow: { versionNo: 2 } });

    doc.procedure.content.conditions = 'Điều kiện theo Nghị quyết của Hội đồng nhân dân tỉnh.';
    doc.implementation = null;
    const changed = (await send('POST', '/api/v1/admin/procedures/import', admin, doc)).json();
    expect(changed).toMatchObject({ unchanged: false, draft: { created: true } });
    const pub = (await app.inject(`/api/v1/procedures/${SUPPORT}`)).json();
    expect(pub.content.conditions).not.toBe(doc.procedure.content.conditions); // published untouched

    const stranger = structuredClone(exp.json());
    stranger.implementation.agency = '000.00.77.H26';
    const refused = await send('POST', '/api/v1/admin/procedures/import', admin, stranger);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('AGENCY_UNKNOWN');

    const fresh = structuredClone(exp.json());
    fresh.procedure.code = '3.000777';
    fresh.implementation.agency = SNNMT;
    const created = (await send('POST', '/api/v1/admin/procedures/import', admin, fresh)).json();
    expect(created).toMatchObject({
      procedureCreated: true,
      draft: { versionNo: 1 },
      workflow: { versionNo: 1 },
    });

    const broken = structuredClone(exp.json());
    broken.procedure.code = '3.000778';
    broken.implementation.workflow.steps[2].end = undefined;
    broken.implementation.workflow.steps[2].next = [{ to: 'THAM_DINH' }];
    const bad = await send('POST', '/api/v1/admin/procedures/import', admin, broken);
    expect(bad.statusCode).toBe(422);
    expect((await app.inject('/api/v1/procedures/3.000778')).statusCode).toBe(404); // nothing half-saved
  });
});
