/** The dossier register (sổ theo dõi hồ sơ) of a reception agency, from the dossiers and their logs. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import { dossierApi, journey, vn } from './test-helpers.js';

const t = await testDatabase('demo');
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));

describe('the register of a reception agency', () => {
  it('lists the period’s dossiers as Excel and PDF, with hand-over and return dates', async () => {
    const returned = await journey(api, 'returned');
    const accepted = await journey(api, 'accepted');
    const agencyId = returned.receivingAgencyId as number;
    const url = `/api/v1/agencies/${agencyId}/register?from=2026-12-01&to=2026-12-31`;
    const xlsx = await api.get('motcua.hoankiem', `${url}&format=xlsx`);
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const text = JSON.stringify(book.worksheets[0]?.getSheetValues());
    expect(text).toContain(returned.code as string);
    expect(text).toContain(accepted.code as string);
    expect(text).toContain('Nguyễn Thị Hường');
    const pdf = await api.get('motcua.hoankiem', url);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // an empty period is an empty register, not an error
    const empty = await api.get(
      'motcua.hoankiem',
      `/api/v1/agencies/${agencyId}/register?from=2026-01-01&to=2026-01-31&format=xlsx`,
    );
    expect(empty.statusCode).toBe(200);
  });

  it('refuses reversed or over-long periods, and officers who do not reach the agency', async () => {
    const d = await journey(api, 'accepted');
    const agencyId = d.receivingAgencyId as number;
    const reversed = await api.get(
      'motcua.hoankiem',
      `/api/v1/agencies/${agencyId}/register?from=2026-12-31&to=2026-12-01`,
    );
    expect(reversed.json().error.code).toBe('DATE_RANGE_REVERSED');
    const long = await api.get(
      'motcua.hoankiem',
      `/api/v1/agencies/${agencyId}/register?from=2025-01-01&to=2026-12-31`,
    );
    expect(long.json().error.code).toBe('PERIOD_TOO_LONG');
    expect(
      (
        await api.get(
          'chuyenvien.hoankiem',
          `/api/v1/agencies/${agencyId}/register?from=2026-12-01&to=2026-12-31`,
        )
      ).statusCode,
    ).toBe(403);
    expect(
      (await api.get('motcua.caugiay', `/api/v1/agencies/${agencyId}/register?from=2026-12-01&to=2026-12-31`))
        .statusCode,
    ).toBe(403);
  });
});
