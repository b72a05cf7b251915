import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestDatabase, testDatabase } from '../test/db.js';
import { cli } from './main.js';

let t: TestDatabase;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-cli-'));
let out: string[];
let err: string[];

beforeAll(async () => {
  t = await testDatabase('demo');
  vi.stubEnv('DATABASE_URL', t.url);
  // the run's application role, not a `motcua_app` left on a shared DATABASE_URL server
  vi.stubEnv('MOTCUA_APP_ROLE', t.appRole.role);
});
afterAll(() => {
  vi.unstubAllEnvs();
  fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(() => vi.restoreAllMocks());

function capture() {
  out = [];
  err = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    out.push(String(s));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    err.push(String(s));
    return true;
  });
}

describe('motcua CLI', () => {
  it('names the known kinds when given an unknown one', async () => {
    capture();
    expect(await cli(['import', 'planets', 'x.csv'])).toBe(2);
    expect(err.join('')).toMatch(
      /unknown import kind "planets"; known kinds: admin-units, unit-successions, holidays, procedures, agencies/,
    );
  });

  it('imports a file and reports the counts', async () => {
    const file = path.join(dir, 'holidays-2027.csv');
    fs.writeFileSync(
      file,
      'date,kind,name,legal_basis,status,confidence\n2027-01-01,statutory,Tết Dương lịch,Bộ luật Lao động 2019 Điều 112,provisional,\n',
    );
    capture();
    expect(await cli(['import', 'holidays', file])).toBe(0);
    expect(out.join('')).toMatch(
      /holidays holidays-2027\.csv: 1 rows, 1 inserted, 0 updated, 0 unchanged, 0 rejected/,
    );
    expect(err.join('')).toMatch(/holidays: 1\/1 \(100%\)/);
    capture();
    expect(await cli(['import', 'holidays', file])).toBe(0);
    expect(out.join('')).toMatch(/0 inserted, 0 updated, 1 unchanged/);
  });

  it('lists every rejected row with file, line and field, and exits 1', async () => {
    const file = path.join(dir, 'agencies.csv');
    fs.writeFileSync(
      file,
      [
        'tenant,identifier,name,short_name,kind,level,unit_code,parent_identifier',
        'ha-noi,000.00.40.H26,Sở Du lịch,SDL,department,province,01,000.00.00.H26',
        'ha-noi,H26,Sở Sai,,department,province,01,000.00.00.H26',
      ].join('\n'),
    );
    capture();
    expect(await cli(['import', 'agencies', file])).toBe(1);
    const text = err.join('');
    expect(text).toMatch(
      /agencies\.csv:3 \[identifier\]: "H26" is not an agency identifier .* — "H26" không đúng định dạng/,
    );
    expect(text).toMatch(/1 row\(s\) rejected; nothing was imported/);
    const none = await t.db
      .selectFrom('agencies')
      .select('id')
      .where('identifier', '=', '000.00.40.H26')
      .execute();
    expect(none).toHaveLength(0);

    capture();
    expect(await cli(['import', 'agencies', file, '--skip-invalid'])).toBe(0);
    expect(out.join('')).toMatch(/1 inserted.*1 rejected/);
    expect(err.join('')).toMatch(/agencies\.csv:3 \[identifier\]/);
  });

  it('reports an unreadable file with its name', async () => {
    capture();
    expect(await cli(['import', 'procedures', path.join(dir, 'nope.jsonl')])).toBe(1);
    expect(err.join('')).toMatch(/nope\.jsonl: cannot read the file \(ENOENT\) — không đọc được tệp/);
  });

  it('checks and rebuilds the monitoring facts from the action log', async () => {
    capture();
    expect(await cli(['rebuild-facts', '--check'])).toBe(0);
    expect(out.join('')).toMatch(/dossiers checked, 0 with facts that differ/);
    capture();
    expect(await cli(['rebuild-facts', '--missing'])).toBe(0);
    expect(out.join('')).toMatch(/0 facts written/);
  });

  it('checks and rebuilds the day counters, from the log too', async () => {
    // a counter no dossier's facts account for (the demo has agencies and procedures, no dossiers)
    const tenant = await t.db.selectFrom('tenants').select('id').orderBy('id').executeTakeFirstOrThrow();
    await t.db
      .insertInto('monitoring_counters')
      .values({
        tenant_id: tenant.id,
        agency_id: 1,
        procedure_id: 1,
        channel: 'online',
        class: 'open',
        day: 20_000,
        value: 3,
      })
      .execute();
    capture();
    expect(await cli(['rebuild-counters', '--check'])).toBe(1);
    expect(err.join('')).toMatch(
      /differing: tenant \d+ agency 1 procedure 1 online open day 20000: live 3, rebuilt 0/,
    );
    capture();
    expect(await cli(['rebuild-counters', '--from-log'])).toBe(0);
    expect(out.join('')).toMatch(
      /facts rewritten from the log; \d+ deployments, \d+ dossiers, \d+ counters written/,
    );
    capture();
    expect(await cli(['rebuild-counters', '--check'])).toBe(0);
    expect(out.join('')).toMatch(/0 live counters differ \(0 dossiers not counted yet\)/);
    expect(await t.db.selectFrom('monitoring_counters').selectAll().execute()).toEqual([]);
  });
});
