/**
 * The importer on the real dataset and on bad input: every refusal names file, line and field,
 * and a refused file changes nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../test/db.js';
import { DATA_DIR, loadReferenceData } from './load.js';
import { ImportFileError } from './read-file.js';
import { ImportRejected, runImport, UnknownImportKind } from './service.js';

let t: TestDatabase;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-import-'));
const file = (name: string, content: string | Buffer) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const count = async (
  table: 'admin_units' | 'agencies' | 'procedures' | 'calendar_exceptions' | 'import_runs',
) =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function rejection(p: Promise<unknown>): Promise<ImportRejected> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ImportRejected);
  return e as ImportRejected;
}

beforeAll(async () => {
  t = await testDatabase('base');
});

describe('the reference dataset', () => {
  it('loads every kind with the counts of the official lists', async () => {
    const results = await loadReferenceData(t.db);
    expect(results.map((r) => [r.kind, r.rejected.length])).toEqual([
      ['admin-units', 0],
      ['unit-successions', 0],
      ['holidays', 0],
      ['procedures', 0],
    ]);
    const levels = await t.db
      .selectFrom('admin_units')
      .select(['level', (eb) => eb.fn.countAll<number>().as('n')])
      .where('valid_to', '=', '2025-06-30')
      .groupBy('level')
      .execute();
    expect(Object.fromEntries(levels.map((l) => [l.level, Number(l.n)]))).toEqual({
      province: 63,
      district: 696,
      commune: 10035,
    });
    const after = await t.db
      .selectFrom('admin_units')
      .select(['level', (eb) => eb.fn.countAll<number>().as('n')])
      .where('valid_from', '>=', '2025-07-01')
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', '2026-11-01')]))
      .groupBy('level')
      .execute();
    expect(Object.fromEntries(after.map((l) => [l.level, Number(l.n)]))).toEqual({
      province: 34,
      commune: 3321,
    });
    expect(await count('procedures')).toBe(2642);
    // the 2026 change: Đồng Nai became a centrally-run city on 30/04/2026
    const dongNai = await t.db
      .selectFrom('admin_units')
      .select(['unit_type', 'valid_from', 'valid_to'])
      .where('code', '=', '75')
      .where('valid_from', 'is not', null)
      .orderBy('valid_from')
      .execute();
    expect(dongNai).toEqual([
      { unit_type: 'Tỉnh', valid_from: '2025-07-01', valid_to: '2026-04-29' },
      { unit_type: 'Thành phố trực thuộc trung ương', valid_from: '2026-04-30', valid_to: null },
    ]);
    // parents and ancestors: a commune of Hà Nội before 2025 hangs under its district
    const phucXa = await t.db
      .selectFrom('admin_units')
      .select(['ancestor_ids', 'parent_id'])
      .where('code', '=', '00001')
      .where('valid_to', '=', '2025-06-30')
      .executeTakeFirstOrThrow();
    expect(phucXa.ancestor_ids).toHaveLength(3);
  });

  it('is idempotent: a second run changes nothing', async () => {
    const before = await count('admin_units');
    const again = await loadReferenceData(t.db, { onlyMissing: false });
    for (const r of again) {
      expect(r.inserted, r.kind).toBe(0);
      expect(r.updated, r.kind).toBe(0);
      expect(r.unchanged, r.kind).toBe(r.rows);
    }
    expect(await count('admin_units')).toBe(before);
  });

  it('finds procedures without diacritics', async () => {
    const { rows } = await import('kysely').then(({ sql }) =>
      sql<{
        code: string;
      }>`select code from procedures where lower(f_unaccent(name)) like '%dang ky khai sinh%'`.execute(t.db),
    );
    expect(rows.map((r) => r.code)).toContain('1.001193');
  });

  it('keeps a version per content: a changed record adds version 2, the first stays', async () => {
    const lines = fs.readFileSync(path.join(DATA_DIR, 'procedures/procedures.jsonl.gz'));
    const text = (await import('node:zlib')).gunzipSync(lines).toString('utf8').split('\n');
    const record = JSON.parse(text.find((l) => l.includes('"code":"1.001193"')) ?? '{}');
    record.name = `${record.name} (sửa đổi)`;
    const r = await runImport(t.db, 'procedures', file('one.jsonl', `${JSON.stringify(record)}\n`));
    expect(r).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
    const versions = await t.db
      .selectFrom('procedure_versions as v')
      .innerJoin('procedures as p', 'p.id', 'v.procedure_id')
      .select(['v.version_no', 'v.name', 'p.current_version_id', 'v.id'])
      .where('p.code', '=', '1.001193')
      .orderBy('v.version_no')
      .execute();
    expect(versions).toHaveLength(2);
    expect(versions[1]?.name).toContain('(sửa đổi)');
    expect(versions[1]?.current_version_id).toBe(versions[1]?.id);

    // a second change on the same day cannot take effect that day too: it waits as a draft
    record.name = `${record.name} lần hai`;
    const again = await runImport(t.db, 'procedures', file('two.jsonl', `${JSON.stringify(record)}\n`));
    expect(again).toMatchObject({ updated: 1 });
    const after = await t.db
      .selectFrom('procedure_versions as v')
      .innerJoin('procedures as p', 'p.id', 'v.procedure_id')
      .select([
        'v.version_no',
        'v.status',
        'v.review_flags',
        'v.effective_from',
        'p.current_version_id',
        'v.id',
      ])
      .where('p.code', '=', '1.001193')
      .orderBy('v.version_no')
      .execute();
    expect(after.map((v) => v.status)).toEqual(['published', 'published', 'draft']);
    expect(after[1]?.effective_from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(after[2]?.review_flags).toContain('changed_twice_same_day');
    expect(after[2]?.current_version_id).toBe(versions[1]?.id);
  });
});

describe('bad input changes nothing and says where', () => {
  it('an unknown kind', async () => {
    await expect(runImport(t.db, 'planets', file('x.csv', 'a\n'))).rejects.toBeInstanceOf(UnknownImportKind);
  });

  it('an unreadable file', async () => {
    const e = await runImport(t.db, 'holidays', path.join(dir, 'missing.csv')).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ImportFileError);
    expect((e as Error).message).toMatch(/missing\.csv: cannot read the file \(ENOENT\)/);
  });

  it('a file that is not UTF-8, naming the first bad line', async () => {
    const latin1 = Buffer.concat([
      Buffer.from('date,kind,name,legal_basis,status,confidence\n2027-01-01,statutory,', 'utf8'),
      Buffer.from('Tết Dương lịch', 'latin1'),
      Buffer.from(',BLLĐ,official,high\n', 'utf8'),
    ]);
    const e = (await runImport(t.db, 'holidays', file('latin1.csv', latin1)).catch(
      (x: unknown) => x,
    )) as ImportFileError;
    expect(e).toBeInstanceOf(ImportFileError);
    expect(e.line).toBe(2);
    expect(e.messageVi).toMatch(/UTF-8/);
  });

  it('a wrong header', async () => {
    const before = await count('calendar_exceptions');
    const r = await rejection(
      runImport(t.db, 'holidays', file('hdr.csv', 'ngay,loai\n2027-01-01,statutory\n')),
    );
    expect(r.rejected[0]).toMatchObject({ line: 1, field: null });
    expect(r.rejected[0]?.reason).toMatch(/missing date, kind/);
    expect(await count('calendar_exceptions')).toBe(before);
  });

  it('duplicate codes, unknown parents and bad values, every row reported, nothing written', async () => {
    const before = await count('admin_units');
    const csv = [
      'code,level,parent_code,unit_type,name,full_name,name_en,valid_from,valid_to',
      '99,province,,Tỉnh,Thử,Tỉnh Thử,,2030-01-01,',
      '99,province,,Tỉnh,Thử lại,Tỉnh Thử lại,,2030-01-01,',
      '99001,commune,98,Xã,Một,Xã Một,,2030-01-01,',
      '99002,hamlet,99,Thôn,Hai,Thôn Hai,,2030-01-01,',
      '9903,commune,99,Xã,Ba,Xã Ba,,2030-01-01,',
      '99004,commune,99,Xã,Bốn,Xã Bốn,,2030-02-30,',
      '99005,commune,99,Xã,Năm,Xã Năm,,2030-01-01,',
    ].join('\n');
    const r = await rejection(runImport(t.db, 'admin-units', file('units.csv', csv)));
    expect(r.rejected.map((x) => [x.line, x.field])).toEqual([
      [3, 'code'],
      [4, 'parent_code'],
      [5, 'level'],
      [6, 'code'],
      [7, 'valid_from'],
    ]);
    expect(r.rejected[0]?.reason).toMatch(/duplicate code 99 .*first at line 2/);
    expect(r.rejected[1]?.reasonVi).toMatch(/không có đơn vị cấp trên 98/);
    expect(r.message).toMatch(/5 row\(s\) rejected; nothing was imported/);
    expect(await count('admin_units')).toBe(before);

    // --skip-invalid imports the valid rows and still lists the rejects
    const partial = await runImport(t.db, 'admin-units', path.join(dir, 'units.csv'), { skipInvalid: true });
    expect(partial).toMatchObject({ inserted: 2, rejected: expect.any(Array) });
    expect(partial.rejected).toHaveLength(5);
    expect(await count('admin_units')).toBe(before + 2);
  });

  it('a code reused in an overlapping period', async () => {
    const csv = [
      'code,level,parent_code,unit_type,name,full_name,name_en,valid_from,valid_to',
      '01,province,,Tỉnh,Khác,Tỉnh Khác,,2026-01-01,',
    ].join('\n');
    const r = await rejection(runImport(t.db, 'admin-units', file('overlap.csv', csv)));
    expect(r.rejected[0]).toMatchObject({ line: 2, field: 'valid_from' });
  });

  it('invalid agency identifiers, unknown tenants, units and parents', async () => {
    await t.db.insertInto('tenants').values({ code: 'thu-nghiem', name: 'Thử nghiệm', levels: 2 }).execute();
    const before = await count('agencies');
    const csv = [
      'tenant,identifier,name,short_name,kind,level,unit_code,parent_identifier',
      'thu-nghiem,000.00.00.H26,UBND Thành phố,UBND,people_committee,province,01,',
      'thu-nghiem,000.00.10.H26,Sở Tư pháp,STP,department,province,01,000.00.00.H26',
      'thu-nghiem,000-00-11-H26,Sở Sai Mã,,department,province,01,000.00.00.H26',
      'thu-nghiem,000.00.12.H26,Sở Mồ Côi,,department,province,01,000.00.77.H26',
      'khong-co,000.00.13.H26,Sở Lạc,,department,province,01,',
      'thu-nghiem,000.00.14.H26,Sở Không Đơn Vị,,department,province,77,000.00.00.H26',
      'thu-nghiem,000.00.10.H26,Sở Tư pháp lần hai,,department,province,01,000.00.00.H26',
      'thu-nghiem,000.A1.00.H26,Phòng Sai Cấp,,department,province,01,000.00.00.H26',
    ].join('\n');
    const r = await rejection(runImport(t.db, 'agencies', file('agencies.csv', csv)));
    expect(r.rejected.map((x) => [x.line, x.field])).toEqual([
      [4, 'identifier'],
      [5, 'parent_identifier'],
      [6, 'tenant'],
      [7, 'unit_code'],
      [8, 'identifier'],
      [9, 'identifier'],
    ]);
    expect(r.rejected[0]?.reasonVi).toMatch(/Quyết định 20\/2020/);
    expect(await count('agencies')).toBe(before);

    const ok = await runImport(
      t.db,
      'agencies',
      file('agencies-ok.csv', csv.split('\n').slice(0, 3).join('\n')),
    );
    expect(ok).toMatchObject({ inserted: 2, updated: 0 });
    const again = await runImport(t.db, 'agencies', path.join(dir, 'agencies-ok.csv'));
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
  });

  it('invalid JSON and schema violations in the procedure catalogue', async () => {
    const before = await count('procedures');
    const jsonl = ['{"code": "1.000001",', '{"code": "X.1", "name": "Sai mã"}'].join('\n');
    const r = await rejection(runImport(t.db, 'procedures', file('bad.jsonl', jsonl)));
    expect(r.rejected.map((x) => x.line)).toEqual([1, 2]);
    expect(r.rejected[0]?.reason).toMatch(/not valid JSON/);
    expect(await count('procedures')).toBe(before);
  });

  it('a dry run counts and writes nothing', async () => {
    const before = await count('import_runs');
    const csv =
      'date,kind,name,legal_basis,status,confidence\n2027-01-01,statutory,Tết Dương lịch,BLLĐ 2019 Điều 112,provisional,\n';
    const r = await runImport(t.db, 'holidays', file('dry.csv', csv), { dryRun: true });
    expect(r).toMatchObject({ dryRun: true, inserted: 1 });
    expect(
      await t.db
        .selectFrom('calendar_exceptions')
        .select('id')
        .where('date', '=', '2027-01-01')
        .executeTakeFirst(),
    ).toBeUndefined();
    expect(await count('import_runs')).toBe(before);
  });
});
