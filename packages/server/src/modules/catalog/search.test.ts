import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../test/app.js';
import { type TestDatabase, testDatabase } from '../../test/db.js';
import { type ProcedureSearch, parseQuery, searchProcedures } from './search.js';

let t: TestDatabase;
let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testDatabase('demo');
  app = await testApp(t.db);
});

const search = async (qs: string) => {
  const res = await app.inject(`/api/v1/procedures?${qs}`);
  expect(res.statusCode).toBe(200);
  return res.json() as {
    items: { code: string; name: string; levels: string[]; field_id: number | null }[];
    total: number;
  };
};

describe('public procedure search', () => {
  it('finds procedures typed without diacritics, best match first', async () => {
    const r = await search(`q=${encodeURIComponent('dang ky khai sinh')}&limit=5`);
    expect(r.total).toBeGreaterThan(0);
    expect(r.items.map((i) => i.code)).toContain('1.001193');
    expect(r.items[0]?.name.toLowerCase()).toContain('khai sinh');
    const exact = await search(`q=${encodeURIComponent('Giấy phép xây dựng')}&limit=50`);
    const folded = await search(`q=${encodeURIComponent('giay phep xay dung')}&limit=50`);
    expect(folded.total).toBe(exact.total);
  });

  it('finds by code prefix', async () => {
    const r = await search('q=1.001193');
    expect(r.items[0]?.code).toBe('1.001193');
  });

  it('pages with a stable total, also past the end', async () => {
    const all = await search('limit=10');
    expect(all.total).toBe(2642);
    expect(all.items).toHaveLength(10);
    const past = await search('limit=10&offset=5000');
    expect(past).toEqual({ items: [], total: 2642, approximate: false });
  });

  it('filters by level and field', async () => {
    const communes = await search(`level=${encodeURIComponent('Cấp xã')}&limit=200`);
    expect(communes.total).toBeGreaterThan(100);
    expect(communes.items.every((i) => i.levels.includes('Cấp xã'))).toBe(true);
    const fields = (await app.inject('/api/v1/fields')).json() as {
      id: number;
      name: string;
      procedures: number;
    }[];
    const hoTich = fields.find((f) => f.name === 'Hộ tịch');
    expect(hoTich?.procedures).toBeGreaterThan(10);
    const inField = await search(`fieldId=${hoTich?.id}&limit=200`);
    expect(inField.total).toBe(hoTich?.procedures);
  });

  it('shows a procedure by code, 404 for an unknown one and 400 for a malformed one', async () => {
    const p = await app.inject('/api/v1/procedures/1.001193');
    expect(p.statusCode).toBe(200);
    expect(p.json()).toMatchObject({ code: '1.001193' });
    expect((await app.inject('/api/v1/procedures/9.999999')).statusCode).toBe(404);
    expect((await app.inject('/api/v1/procedures/abc')).statusCode).toBe(400);
  });
});

// ---------------------------------------------------------------------------------------------
// searchProcedures itself (modules/catalog/search.ts), on the whole national catalogue

const find = (f: Partial<ProcedureSearch>) => searchProcedures(t.db, { limit: 20, offset: 0, ...f });
const codes = (r: { items: { code: string }[] }) => r.items.map((i) => i.code);

/** What the stored folded texts say, counted by SQL directly. */
async function countWhere(condition: ReturnType<typeof sql>): Promise<number> {
  const r = await sql<{ n: number }>`
    select count(*)::int as n from procedures p
    join procedure_versions v on v.id = p.current_version_id
    left join fields f on f.id = p.field_id
    where ${condition}`.execute(t.db);
  return r.rows[0]!.n;
}

const tenantId = async (code: string) =>
  (await t.db.selectFrom('tenants').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
const procedureId = async (code: string) =>
  (await t.db.selectFrom('procedures').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

describe('searchProcedures: matching', () => {
  it('ignores diacritics and case, and finds "Cấp giấy phép xây dựng…" from "giay phep xay dung"', async () => {
    const plain = await find({ q: 'giay phep xay dung', limit: 200 });
    const accented = await find({ q: 'Giấy phép xây dựng', limit: 200 });
    const upper = await find({ q: 'GIẤY PHÉP XÂY DỰNG', limit: 200 });
    expect(plain.total).toBeGreaterThan(10);
    expect(accented).toEqual(plain);
    expect(upper).toEqual(plain);
    expect(plain.approximate).toBe(false);
    expect(plain.items.some((i) => i.name.startsWith('Cấp giấy phép xây dựng'))).toBe(true);
    // every word is in the folded text of every match, and nothing else matches
    const expected = await countWhere(sql`p.search_text like '% giay %' and p.search_text like '% phep %'
      and p.search_text like '% xay %' and p.search_text like '% dung%'`);
    expect(plain.total).toBe(expected);
    // the name matches come first
    const firstOther = plain.items.findIndex((i) => !/giấy phép xây dựng/i.test(i.name));
    if (firstOther >= 0)
      expect(plain.items.slice(firstOther).some((i) => /giấy phép xây dựng/i.test(i.name))).toBe(false);
  });

  it('ranks "Thủ tục đăng ký khai sinh" first for "khai sinh"', async () => {
    const r = await find({ q: 'khai sinh' });
    expect(codes(r).slice(0, 3)).toContain('1.001193');
    const registrations = r.items.filter((i) => /^(Thủ tục )?đăng ký khai sinh/i.test(i.name));
    expect(registrations.length).toBeGreaterThan(3);
    expect(registrations[0]?.code).toBe('1.001193');
    expect(r.items[0]?.code).toBe('1.001193');
    // names containing "khai sinh" before the procedures that only mention it elsewhere
    const named = r.items.map((i) => /khai sinh/i.test(i.name));
    expect(named.indexOf(false) === -1 || !named.slice(named.indexOf(false)).includes(true)).toBe(true);
    // typed without diacritics, and while typing the last word
    expect(codes(await find({ q: 'dang ky khai sinh' }))[0]).toBe('1.001193');
    expect(codes(await find({ q: 'đăng ký khai si' }))[0]).toBe('1.001193');
  });

  it('matches whole words, the last one as a prefix', async () => {
    // "ho" is a word of "hộ tịch" and not the start of "hồ sơ"… unless it is the last word
    const asWord = await find({ q: 'ho tich', limit: 200 });
    expect(asWord.total).toBe(
      await countWhere(sql`p.search_text like '% ho %' and p.search_text like '% tich%'`),
    );
    const prefix = await find({ q: 'tich ho', limit: 1 });
    expect(prefix.total).toBe(
      await countWhere(sql`p.search_text like '% tich %' and p.search_text like '% ho%'`),
    );
    expect(prefix.total).toBeGreaterThan(asWord.total);
  });

  it('finds a code, the start of a code, and the six digits of a code', async () => {
    const exact = await find({ q: '1.001193' });
    expect(codes(exact)).toEqual(['1.001193']);
    expect(exact.total).toBe(1);
    const start = await find({ q: '1.0011', limit: 200 });
    expect(start.total).toBe(await countWhere(sql`p.code like '1.0011%'`));
    expect(start.items.every((i) => i.code.startsWith('1.0011'))).toBe(true);
    expect(codes(await find({ q: '001193' }))[0]).toBe('1.001193');
    // a code with words: both must match
    expect(codes(await find({ q: '1.001193 khai sinh' }))).toEqual(['1.001193']);
    expect((await find({ q: '1.001193 hai quan' })).total).toBe(0);
  });

  it('matches the field name, the ministry and the agency texts, after the names', async () => {
    // 1.001193 is in the field "Hộ tịch"; its name does not say so
    const field = await find({ q: 'ho tich', limit: 200 });
    expect(codes(field)).toContain('1.001193');
    const inName = field.items.map((i) => /hộ tịch/i.test(i.name));
    expect(inName[0]).toBe(true);
    expect(inName.slice(inName.indexOf(false)).includes(true)).toBe(false);
    // a ministry
    const ministry = await find({ q: 'ngan hang nha nuoc', limit: 1 });
    expect(ministry.total).toBeGreaterThanOrEqual(
      await countWhere(sql`p.ministry = 'Ngân hàng Nhà nước Việt Nam'`),
    );
    // an agency text that no name, field or ministry contains
    const agency = await sql<{ code: string; words: string }>`
      select p.code, btrim(f_search_fold(v.competent_agency)) as words
      from procedures p join procedure_versions v on v.id = p.current_version_id
      left join fields f on f.id = p.field_id
      where v.competent_agency <> ''
        and strpos(p.search_name || f_search_fold(coalesce(f.name, '')) || f_search_fold(coalesce(p.ministry, '')) || ' ',
                   f_search_fold(v.competent_agency) || ' ') = 0
      order by p.code limit 1`.execute(t.db);
    const sample = agency.rows[0]!;
    expect(codes(await find({ q: sample.words, limit: 200 }))).toContain(sample.code);
  });

  it('retries a misspelt query with the nearest known words, and says so', async () => {
    const right = await find({ q: 'giay phep xay dung', limit: 5 });
    const wrong = await find({ q: 'giay phep xay dugn', limit: 5 });
    expect(wrong.approximate).toBe(true);
    expect(wrong.total).toBeGreaterThan(0);
    expect(codes(wrong)).toEqual(expect.arrayContaining(codes(right).slice(0, 1)));
    expect(codes(await find({ q: 'dang ky kahi sinh' }))[0]).toBe('1.001193');
    // nothing near at all, or filters set: nothing is the answer
    expect(await find({ q: 'qqqqzzzz' })).toEqual({ items: [], total: 0, approximate: false });
    const filtered = await find({ q: 'giay phep xay dugn', level: 'Cấp xã' });
    expect(filtered.approximate).toBe(false);
  });

  it('splits queries into words, drops punctuation and repeats', () => {
    expect(parseQuery(' “Khai  sinh”, khai 1.001193; 001193 ')).toEqual({
      words: ['Khai', 'sinh', '001193'],
      codes: ['1.001193'],
    });
    expect(parseQuery('- , …')).toEqual({ words: [], codes: [] });
    expect(parseQuery(Array.from({ length: 20 }, (_, i) => `w${i}`).join(' ')).words).toHaveLength(12);
  });
});

describe('searchProcedures: filters, items and paging', () => {
  it('filters by level, field, channel and online level', async () => {
    const level = await find({ level: 'Cấp xã', limit: 200 });
    expect(level.total).toBe(await countWhere(sql`'Cấp xã' = any(v.levels)`));
    expect(level.items.every((i) => i.levels.includes('Cấp xã'))).toBe(true);

    const hoTich = await t.db
      .selectFrom('fields')
      .select('id')
      .where('name', '=', 'Hộ tịch')
      .executeTakeFirstOrThrow();
    const field = await find({ fieldId: hoTich.id, q: 'khai sinh', limit: 200 });
    expect(field.items.every((i) => i.field_id === hoTich.id && i.field_name === 'Hộ tịch')).toBe(true);
    expect(field.total).toBe(
      await countWhere(
        sql`p.field_id = ${hoTich.id} and p.search_text like '% khai %' and p.search_text like '% sinh%'`,
      ),
    );

    const postal = await find({ channel: 'postal', limit: 200 });
    expect(postal.total).toBe(await countWhere(sql`v.channels @> '[{"channel":"postal"}]'`));
    expect(postal.items.every((i) => i.channels.includes('postal'))).toBe(true);
    const online = await find({ channel: 'online', limit: 1 });
    expect(online.total + (await find({ limit: 1 })).total).toBeGreaterThan(postal.total);

    for (const onlineLevel of ['full', 'partial', 'none'] as const) {
      const r = await find({ onlineLevel, limit: 200 });
      expect(r.total).toBe(await countWhere(sql`v.online_level = ${onlineLevel}`));
      expect(r.items.every((i) => i.online_level === onlineLevel)).toBe(true);
    }

    const combined = await find({ q: 'dang ky', level: 'Cấp xã', channel: 'online', onlineLevel: 'partial' });
    expect(combined.total).toBe(
      await countWhere(sql`'Cấp xã' = any(v.levels) and v.channels @> '[{"channel":"online"}]'
        and v.online_level = 'partial' and p.search_text like '% dang %' and p.search_text like '% ky%'`),
    );
  });

  it('filters by an agency of the tenant that implements the procedure (active only)', async () => {
    const hanoi = await tenantId('ha-noi');
    const threeLevels = await tenantId('ha-noi-3cap');
    // Sở Tư pháp has the same identifier in both demo tenants
    const agency = (tenant: number) =>
      t.db
        .selectFrom('agencies')
        .select('id')
        .where('tenant_id', '=', tenant)
        .where('identifier', '=', '000.00.10.H26')
        .executeTakeFirstOrThrow();
    const [a1, a2] = [await agency(hanoi), await agency(threeLevels)];
    const rows = [
      { tenant: hanoi, agency: a1.id, code: '1.001193', active: true },
      { tenant: hanoi, agency: a1.id, code: '2.000528', active: true },
      { tenant: hanoi, agency: a1.id, code: '1.004884', active: false },
      { tenant: threeLevels, agency: a2.id, code: '1.000894', active: true },
    ];
    for (const r of rows)
      await t.db
        .insertInto('procedure_implementations')
        .values({
          tenant_id: r.tenant,
          agency_id: r.agency,
          procedure_id: await procedureId(r.code),
          local_code: `${r.code}.000.00.10.H26`,
          fee_overrides: '[]',
          active: r.active,
        })
        // the demo may already declare some: this test decides whether they are active
        .onConflict((oc) => oc.columns(['agency_id', 'procedure_id']).doUpdateSet({ active: r.active }))
        .execute();
    const implemented = async (agencyId: number) =>
      (
        await t.db
          .selectFrom('procedure_implementations as i')
          .innerJoin('procedures as p', 'p.id', 'i.procedure_id')
          .select('p.code')
          .where('i.agency_id', '=', agencyId)
          .where('i.active', '=', true)
          .where('p.current_version_id', 'is not', null)
          .orderBy('p.code')
          .execute()
      ).map((r) => r.code);

    const inHanoi = await find({ agency: '000.00.10.H26', tenantId: hanoi, limit: 200 });
    expect(inHanoi.items.map((i) => i.code).sort()).toEqual(await implemented(a1.id));
    expect(codes(inHanoi)).toEqual(expect.arrayContaining(['1.001193', '2.000528']));
    expect(codes(inHanoi)).not.toContain('1.004884');
    const inOther = await find({ agency: '000.00.10.H26', tenantId: threeLevels, limit: 200 });
    expect(inOther.items.map((i) => i.code).sort()).toEqual(await implemented(a2.id));
    expect(codes(inOther)).toContain('1.000894');
    // with words: only what both select
    const words = await find({ agency: '000.00.10.H26', tenantId: hanoi, q: 'khai sinh nuoc ngoai' });
    expect(codes(words)).toContain('2.000528');
    expect(codes(words)).not.toContain('1.001193');
    expect((await find({ agency: 'ZZZ.00.00.H99', tenantId: hanoi })).total).toBe(0);
    // an agency is only known within a tenant
    expect((await find({ agency: '000.00.10.H26' })).total).toBe(0);
  });

  it('describes each item: version, channels and the strictest time limit', async () => {
    const [item] = (await find({ q: '1.000894' })).items;
    const v = await sql<{ version_no: number; levels: string[]; channels: { channel: string }[] }>`
      select v.version_no, v.levels, v.channels from procedures p
      join procedure_versions v on v.id = p.current_version_id where p.code = '1.000894'`.execute(t.db);
    expect(item).toMatchObject({
      code: '1.000894',
      name: expect.stringMatching(/kết hôn/),
      ministry: 'Bộ Tư pháp',
      field_name: 'Hộ tịch',
      version_no: v.rows[0]!.version_no,
      levels: v.rows[0]!.levels,
      channels: v.rows[0]!.channels.map((c) => c.channel),
      review_flags: expect.any(Array),
    });
    expect(['full', 'partial', 'none']).toContain(item?.online_level);
  });

  it('pages with a stable order and total, also past the end', async () => {
    const whole = await find({ q: 'cap giay', limit: 60 });
    expect(whole.total).toBeGreaterThan(60);
    const pages = [];
    for (let offset = 0; offset < 60; offset += 20)
      pages.push(...codes(await find({ q: 'cap giay', offset })));
    expect(pages).toEqual(codes(whole));
    expect(new Set(pages).size).toBe(60);
    expect(await find({ q: 'cap giay', offset: 5000 })).toEqual({
      items: [],
      total: whole.total,
      approximate: false,
    });
    const all = await find({ limit: 3 });
    expect(all.total).toBe(2642);
    expect(codes(all)).toEqual([...codes(all)].sort());
    expect(await find({ level: 'Cấp xã', offset: 5000 })).toMatchObject({ items: [], total: 588 });
  });
});

describe('searchProcedures: the stored search columns stay current', () => {
  it('follows a newly published version, its agency text, levels, channels and limits', async () => {
    const id = await procedureId('1.000894');
    expect((await find({ q: 'xyzabc' })).total).toBe(0);
    const before = codes(await find({ q: 'ket hon', level: 'Cấp xã', limit: 200 }));
    expect(before).toContain('1.000894');

    const channels = [
      { channel: 'direct', timeLimit: { value: 10, unit: 'working_days', raw: '10 ngày làm việc' } },
      { channel: 'online', timeLimit: { value: 3, unit: 'working_days', raw: '3 ngày làm việc' } },
    ].map((c) => ({ ...c, fees: { items: [], note: '', ambiguous: false }, rawText: null }));
    const inserted = await sql<{ id: number; version_no: number }>`
      insert into procedure_versions (procedure_id, version_no, status, name, levels, competent_agency,
        implementing_agency, channels, online_level, source, content_hash, effective_from, published_at)
      select procedure_id, max(version_no) + 1, 'published', max(name), '{Cấp tỉnh}', 'Sở Tư pháp',
        'Phòng Xyzabc thử nghiệm', ${JSON.stringify(channels)}::jsonb, 'none', 'test', 'test', '2026-01-01', now()
      from procedure_versions where procedure_id = ${id} group by procedure_id
      returning id, version_no`.execute(t.db);
    const v2 = inserted.rows[0]!;
    // a version not (yet) in force changes nothing
    expect((await find({ q: 'xyzabc' })).total).toBe(0);

    await t.db.updateTable('procedures').set({ current_version_id: v2.id }).where('id', '=', id).execute();
    const found = await find({ q: 'Xyzabc' });
    expect(codes(found)).toEqual(['1.000894']);
    expect(found.items[0]).toMatchObject({
      version_no: v2.version_no,
      levels: ['Cấp tỉnh'],
      online_level: 'none',
      channels: ['direct', 'online'],
      time_limit: { value: 3, unit: 'working_days' },
    });
    expect(codes(await find({ q: 'ket hon', level: 'Cấp xã', limit: 200 }))).not.toContain('1.000894');
    expect(codes(await find({ q: 'ket hon', level: 'Cấp tỉnh', limit: 200 }))).toContain('1.000894');
    expect(codes(await find({ q: 'ket hon', onlineLevel: 'none', limit: 200 }))).toContain('1.000894');
    expect(codes(await find({ q: 'ket hon', channel: 'postal', limit: 200 }))).not.toContain('1.000894');
    // the new word is in the vocabulary for misspellings
    expect(await find({ q: 'xyzbac' })).toMatchObject({ approximate: true, items: [{ code: '1.000894' }] });
  });

  it('follows a renamed field', async () => {
    expect((await find({ q: 'qwvkpj' })).total).toBe(0);
    const inField = await countWhere(sql`f.name = 'Hộ tịch'`);
    await t.db.updateTable('fields').set({ name: 'Hộ tịch Qwvkpj' }).where('name', '=', 'Hộ tịch').execute();
    expect((await find({ q: 'qwvkpj', limit: 1 })).total).toBe(inField);
    expect((await find({ q: 'khai sinh' })).items[0]).toMatchObject({ field_name: 'Hộ tịch Qwvkpj' });
  });
});
