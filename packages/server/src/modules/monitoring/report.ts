/**
 * The periodic report "Tình hình, kết quả giải quyết thủ tục hành chính" (INDICATORS-766.md §6)
 * of an agency for a period, from the monitoring facts (migration 0015), counted by the core
 * (indicators/report.ts): one row per procedure or per field, and the agency's total. A month, a
 * quarter, a year (with the Government's 15th-to-14th cut-off as an option) or a free range of
 * dates; how a stopped dossier is counted is configuration (`stopped`), as the sources leave it
 * open.
 */
import {
  type Cutoff,
  dateRange,
  type Period,
  PeriodError,
  periodLabel,
  periodRange,
  type ReportFacts,
  type ReportRow,
  reportRow,
  sumRows,
} from '@motcua/core';
import type { Db } from '../../db/client.js';
import { DomainError, errors } from '../../errors.js';
import { storedFacts } from './facts.js';
import * as repo from './repository.js';

export interface ReportQuery {
  /** 2026-12 (a month), 2026-Q4 (a quarter) or 2026 (a year); or `from` and `to` */
  period?: string;
  from?: string;
  to?: string;
  cutoff?: Cutoff;
  groupBy?: 'procedure' | 'field';
  stopped?: 'suspended' | 'resolved';
}

const periodError = (code: string, en: string, vi: string) => new DomainError(400, code, en, vi, {});

const PERIOD_VI: Record<PeriodError['code'], string> = {
  PERIOD_INVALID: 'Kỳ báo cáo không hợp lệ',
  PERIOD_RANGE_REVERSED: 'Ngày kết thúc trước ngày bắt đầu',
  PERIOD_TOO_LONG: 'Khoảng thời gian dài quá mức cho phép (tối đa 366 ngày)',
};

const date = (s: string) => {
  const [year, month, day] = s.split('-').map(Number) as [number, number, number];
  return { year, month, day };
};

/**
 * The period's instants [from, to) and its label, or a 400 with the core's code. A period not over
 * yet ends now: an open dossier is judged as it stands today, not at the period's future end
 * (where one due tomorrow would already count as overdue). A period that has not begun is refused.
 */
export function resolvePeriod(q: ReportQuery, now: number): { from: number; to: number; label: string } {
  const r = periodOf(q);
  if (r.from > now)
    throw periodError('PERIOD_IN_FUTURE', 'the period has not begun yet', 'Kỳ báo cáo chưa bắt đầu');
  // half-open: what happened at the very instant of the request counts
  return { ...r, to: Math.min(r.to, now + 1) };
}

function periodOf(q: ReportQuery): { from: number; to: number; label: string } {
  try {
    if (q.period) {
      const m = /^(\d{4})(?:-(?:(\d{2})|Q([1-4])))?$/.exec(q.period);
      if (!m) throw new PeriodError('PERIOD_INVALID', `period "${q.period}" is not YYYY, YYYY-MM or YYYY-Qn`);
      const year = Number(m[1]);
      const p: Period = m[2]
        ? { kind: 'month', year, month: Number(m[2]) }
        : m[3]
          ? { kind: 'quarter', year, quarter: Number(m[3]) }
          : { kind: 'year', year };
      return { ...periodRange(p, q.cutoff ?? 'calendar'), label: periodLabel(p) };
    }
    if (q.from && q.to) {
      const r = dateRange(date(q.from), date(q.to));
      return { ...r, label: `Từ ngày ${q.from} đến ngày ${q.to}` };
    }
    throw new PeriodError('PERIOD_INVALID', 'give a period (YYYY, YYYY-MM, YYYY-Qn) or from and to');
  } catch (e) {
    if (e instanceof PeriodError) throw periodError(e.code, e.message, PERIOD_VI[e.code]);
    throw e;
  }
}

export interface ReportGroup {
  key: string | null;
  code: string | null;
  name: string;
  row: ReportRow;
}

export interface ProcessingReport {
  agency: { id: number; name: string };
  period: { from: string; to: string; label: string };
  groupBy: 'procedure' | 'field';
  stopped: 'suspended' | 'resolved';
  groups: ReportGroup[];
  total: ReportRow;
}

export async function processingReport(
  db: Db,
  tenantId: number,
  agencyId: number,
  q: ReportQuery,
  now: number = Date.now(),
) {
  const range = resolvePeriod(q, now);
  const groupBy = q.groupBy ?? 'procedure';
  const stopped = q.stopped ?? 'suspended';
  const name = await repo.agencyName(db, tenantId, agencyId);
  if (name === undefined) throw errors.notFound('agency', agencyId, 'cơ quan');
  const rows = await repo.periodFacts(db, tenantId, agencyId, new Date(range.from), new Date(range.to));
  const byKey = new Map<string, { code: string | null; name: string; facts: ReportFacts[] }>();
  for (const r of rows) {
    const key = groupBy === 'procedure' ? r.procedure_code : (r.field_code ?? r.field_name ?? '');
    let g = byKey.get(key);
    if (!g) {
      g =
        groupBy === 'procedure'
          ? { code: r.procedure_code, name: r.procedure_name, facts: [] }
          : { code: r.field_code, name: r.field_name ?? 'Chưa phân lĩnh vực', facts: [] };
      byKey.set(key, g);
    }
    g.facts.push(storedFacts({ facts: r.facts, due_history: r.due_history } as repo.FactsRow));
  }
  const groups = [...byKey].map(([key, g]) => ({
    key,
    code: g.code,
    name: g.name,
    row: reportRow(g.facts, range.from, range.to, { stopped }),
  }));
  return assembleReport({ id: agencyId, name }, range, groupBy, stopped, groups);
}

/**
 * The report from its groups' rows, whichever source counted them (the facts here, the day
 * counters in report-counters.ts): a group with nothing handled in the period is left out (a
 * dossier the period's filter let through but the core's rule does not count adds nothing), the
 * rest sorted by code, and their total.
 */
export function assembleReport(
  agency: { id: number; name: string },
  range: { from: number; to: number; label: string },
  groupBy: ProcessingReport['groupBy'],
  stopped: ProcessingReport['stopped'],
  rows: readonly ReportGroup[],
): ProcessingReport {
  const groups = rows
    .filter((g) => g.row.received.total > 0)
    .sort((a, b) => (a.code ?? a.name).localeCompare(b.code ?? b.name, 'vi'));
  return {
    agency,
    period: {
      from: new Date(range.from).toISOString(),
      to: new Date(range.to).toISOString(),
      label: range.label,
    },
    groupBy,
    stopped,
    groups,
    total: sumRows(groups.map((g) => g.row)),
  };
}
