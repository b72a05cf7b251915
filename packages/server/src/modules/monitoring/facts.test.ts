/**
 * The monitoring read model written live with every action equals the fold of the action log
 * (`motcua rebuild-facts`), for dossiers in every kind of state: a rebuild reproduces the live
 * facts exactly, and a check finds a fact that does not follow from the log.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import { type Dossier, dossierApi, H, journey, STAGES, vn } from '../dossiers/test-helpers.js';
import { rebuildFacts, storedFacts } from './facts.js';
import { factsOf } from './repository.js';

const t = await testDatabase('demo');
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));

describe('the monitoring facts', () => {
  const dossiers: Dossier[] = [];

  it('are written with every action, for dossiers in every state', async () => {
    for (const stage of STAGES) dossiers.push(await journey(api, stage));
    // a supplement (the due instant moves at its receipt), an apology, a withdrawal, a refusal
    let s = await journey(api, 'appraisal');
    s = await api.act('chuyenvien.hoankiem', s, 'request_supplement', {
      items: [{ name: 'Giấy chứng sinh', reason: 'Bản chụp mờ' }],
    });
    api.advance(2 * H);
    s = await api.act('motcua.hoankiem', s, 'supplement_received', { provided: ['GIAY_CHUNG_SINH'] });
    s = await api.act('motcua.hoankiem', s, 'apologise', {
      reason: 'Lãnh đạo đi công tác',
      newAppointmentAt: '2026-12-09T11:00:00+07:00',
    });
    dossiers.push(s);
    const w = await journey(api, 'accepted');
    dossiers.push(await api.act('motcua.hoankiem', w, 'withdraw', { reason: 'Người nộp xin rút' }));
    const r = await journey(api, 'submitted');
    dossiers.push(await api.act('motcua.hoankiem', r, 'refuse_intake', { reason: 'Không thuộc thẩm quyền' }));

    const facts = await factsOf(
      t.db,
      dossiers.map((d) => d.id),
    );
    expect(facts.size).toBe(dossiers.length);
    const supplemented = storedFacts(facts.get(s.id)!);
    expect(supplemented.dueHistory).toHaveLength(2);
    expect(supplemented.pauses).toHaveLength(1);
    expect(supplemented.apologiesAt).toHaveLength(1);
    const returned = facts.get(dossiers[STAGES.indexOf('returned')]!.id)!;
    expect(returned).toMatchObject({ end_kind: 'result', channel: 'direct' });
    expect(facts.get(dossiers.at(-2)!.id)!.withdrawn_at).not.toBeNull();
    expect(facts.get(dossiers.at(-1)!.id)!.refused_at).not.toBeNull();
  });

  it('equal the fold of the log: a check finds nothing to correct', async () => {
    const r = await rebuildFacts(t.db, { check: true });
    expect(r.dossiers).toBeGreaterThanOrEqual(dossiers.length);
    expect(r.differing).toEqual([]);
  });

  it('a fact that does not follow from the log is found', async () => {
    const id = dossiers[2]!.id;
    await sql`update dossier_facts set due_history = '[]' where dossier_id = ${id}`.execute(t.db);
    expect((await rebuildFacts(t.db, { check: true })).differing).toEqual([id]);
    await rebuildFacts(t.db);
    expect((await rebuildFacts(t.db, { check: true })).differing).toEqual([]);
  });

  it('are rebuilt for dossiers that have none, and the rebuild is what was live', async () => {
    const before = await factsOf(
      t.db,
      dossiers.map((d) => d.id),
    );
    await sql`delete from dossier_facts`.execute(t.db);
    const r = await rebuildFacts(t.db, { onlyMissing: true });
    expect(r.written).toBeGreaterThanOrEqual(dossiers.length);
    const after = await factsOf(
      t.db,
      dossiers.map((d) => d.id),
    );
    for (const d of dossiers)
      expect(storedFacts(after.get(d.id)!), `dossier ${d.id}`).toEqual(storedFacts(before.get(d.id)!));
    expect((await rebuildFacts(t.db, { onlyMissing: true })).written).toBe(0);
  });
});
