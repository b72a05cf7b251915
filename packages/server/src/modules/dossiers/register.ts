/**
 * Sổ theo dõi hồ sơ (2018 Mẫu 06 / 2025 Mẫu 07): every dossier a reception agency received in a
 * period, one row each, from the dossiers and their logs, as A4 landscape PDF or Excel.
 */
import type { Db } from '../../db/client.js';
import {
  type RegisterData,
  type RegisterRow,
  renderRegister,
  renderRegisterXlsx,
} from '../../documents/index.js';
import { DomainError } from '../../errors.js';
import { registerRows as receivedDossiers } from './service-repository.js';
import * as worldRepo from './world-repository.js';

/** A register covers at most a year: a book is opened per year. */
export const MAX_REGISTER_DAYS = 366;
const DAY = 86_400_000;
const VN_OFFSET_MS = 7 * 3_600_000;

const localDay = (date: string) => Date.parse(`${date}T00:00:00Z`) - VN_OFFSET_MS;

export function registerPeriod(from: string, to: string) {
  const a = localDay(from);
  const b = localDay(to) + DAY;
  if (Number.isNaN(a) || Number.isNaN(b))
    throw new DomainError(
      400,
      'DATE_INVALID',
      'from and to are calendar dates (YYYY-MM-DD)',
      'Ngày không hợp lệ (YYYY-MM-DD)',
      { from, to },
    );
  if (b <= a)
    throw new DomainError(
      400,
      'DATE_RANGE_REVERSED',
      '`to` is before `from`',
      'Ngày kết thúc trước ngày bắt đầu',
      { from, to },
    );
  if (b - a > MAX_REGISTER_DAYS * DAY)
    throw new DomainError(
      400,
      'PERIOD_TOO_LONG',
      `A register covers at most ${MAX_REGISTER_DAYS} days`,
      `Sổ theo dõi tối đa ${MAX_REGISTER_DAYS} ngày`,
      {
        from,
        to,
      },
    );
  return { from: a, to: b };
}

export async function registerData(
  db: Db,
  agencyId: number,
  from: string,
  to: string,
  now: number,
): Promise<RegisterData> {
  const period = registerPeriod(from, to);
  const agency = await worldRepo.agencyById(db, agencyId);
  if (!agency)
    throw new DomainError(
      404,
      'NOT_FOUND',
      `agency ${agencyId} not found`,
      `Không tìm thấy cơ quan ${agencyId}`,
      { agencyId },
    );
  const rows = await receivedDossiers(db, agencyId, new Date(period.from), new Date(period.to));
  const iso = (d: Date | null) => (d ? d.toISOString() : undefined);
  const registerRows: RegisterRow[] = rows.map((r, i) => {
    const returnedAt = r.state.returnedAt;
    const row: RegisterRow = {
      no: i + 1,
      dossierCode: r.code ?? '',
      procedureName: r.procedure_name,
      numberOfDossiers: 1,
      applicantName: r.applicant.name ?? '',
      leadAgency: r.lead_agency,
      receivedAt: iso(r.received_at) as string,
      appointmentAt: iso(r.appointment_at) ?? (iso(r.received_at) as string),
    };
    if (r.applicant.address) row.applicantAddress = r.applicant.address;
    if (r.applicant.phone) row.applicantPhone = r.applicant.phone;
    const forwarded = iso(r.forwarded_at);
    if (forwarded) row.forwardedAt = forwarded;
    if (r.finished_at && (r.status === 'result_ready' || r.status === 'returned'))
      row.resultReceivedAt = r.finished_at.toISOString();
    if (returnedAt !== null) row.returnedAt = new Date(returnedAt).toISOString();
    if (r.status === 'withdrawn' || r.status === 'stopped')
      row.note = r.status === 'withdrawn' ? 'Rút hồ sơ' : 'Dừng xử lý';
    return row;
  });
  return {
    agency: {
      name: agency.name,
      place: agency.place.replace(/^(Thành phố|Tỉnh)\s+/i, ''),
      ...(agency.parentName ? { parentName: agency.parentName } : {}),
    },
    issuedAt: new Date(now).toISOString(),
    periodFrom: new Date(period.from).toISOString(),
    periodTo: new Date(period.to - 1).toISOString(),
    book: from.slice(0, 4),
    rows: registerRows,
  };
}

export async function renderAgencyRegister(
  db: Db,
  q: { agencyId: number; from: string; to: string; format: 'pdf' | 'xlsx' },
  now: number,
): Promise<Buffer> {
  const data = await registerData(db, q.agencyId, q.from, q.to, now);
  const options = { now: new Date(now) };
  return q.format === 'xlsx' ? renderRegisterXlsx(data, options) : renderRegister(data, options);
}
