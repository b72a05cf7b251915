/**
 * Pieces of the province dashboard that the overview and the big screen share: the counts, the
 * channel mix and the score trend as tables (the charts' text alternative), the overdue list with
 * who holds each dossier, and null shown as "chưa có dữ liệu", never as 0.
 */
import { ROLE_LABELS, type Role } from '@motcua/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber } from '../ui/format.js';
import type { Dashboard, OverdueRow } from './dashboard-data.js';
import { lateParts } from './dashboard-data.js';
import { percent } from './period.js';

type GroupId =
  | 'transparency'
  | 'progress'
  | 'online_services'
  | 'online_payment'
  | 'digitisation'
  | 'satisfaction';

export function useGroupName() {
  const { t } = useTranslation();
  return (g: string) => t(`monitoring.dashboard.groups.${g as GroupId}`, { defaultValue: g });
}

/** A score, or "chưa có dữ liệu" for null. */
export function ScoreText({ score }: { score: number | null }) {
  const { t, i18n } = useTranslation();
  if (score === null) return <span className="no-data">{t('monitoring.dashboard.noData')}</span>;
  return <>{formatNumber(score, i18n.language)}</>;
}

/** The groups MotCua scored in at least one month of the trend, then the total: the chart's lines. */
export function trendSeries(d: Dashboard, groupName: (g: string) => string, totalName: string) {
  const measured = d.score.groups
    .map((g) => g.group)
    .filter((g) => d.trend.some((m) => m.groups.find((x) => x.group === g)?.score != null));
  const series = [
    { key: 'total', name: totalName },
    ...measured.map((g) => ({ key: g, name: groupName(g) })),
  ];
  const rows = d.trend.map((m) => ({
    label: m.period.slice(5) + '/' + m.period.slice(0, 4),
    total: m.total,
    ...Object.fromEntries(m.groups.map((g) => [g.group, g.score])),
  }));
  return { series, rows };
}

export function AsOf({ d }: { d: Pick<Dashboard, 'asOf'> }) {
  const { t, i18n } = useTranslation();
  return (
    <p className="as-of" role="status">
      {t('monitoring.dashboard.asOf', { time: formatDateTime(d.asOf, i18n.language) })}
    </p>
  );
}

export function CountsTable({ d }: { d: Dashboard }) {
  const { t, i18n } = useTranslation();
  const n = (x: number) => formatNumber(x, i18n.language);
  const rows = [
    { key: 'today', name: t('monitoring.dashboard.today'), c: d.today },
    { key: 'month', name: t('monitoring.dashboard.month', { period: d.period.label }), c: d.month },
  ];
  return (
    <div className="table-wrap">
      <table className="dense counts">
        <caption>{t('monitoring.dashboard.countsCaption')}</caption>
        <thead>
          <tr>
            <td />
            <th scope="col">{t('monitoring.dashboard.received')}</th>
            <th scope="col">{t('monitoring.dashboard.resolved')}</th>
            <th scope="col">{t('monitoring.dashboard.resolvedLate')}</th>
            <th scope="col">{t('monitoring.dashboard.overdue')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.name}</th>
              <td className="num">{n(r.c.received)}</td>
              <td className="num">{n(r.c.resolved)}</td>
              <td className="num">{n(r.c.resolvedLate)}</td>
              <td className="num">{n(r.c.overdue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function OpenNow({ d }: { d: Dashboard }) {
  const { t, i18n } = useTranslation();
  const items = [
    ['openTotal', d.open.total],
    ['inTime', d.open.inTime],
    ['openOverdue', d.open.overdue],
    ['paused', d.open.paused],
    ['noDueDate', d.open.noDueDate],
  ] as const;
  return (
    <dl className="tiles">
      {items.map(([k, v]) => (
        <div key={k} className={k === 'openOverdue' && v > 0 ? 'tile bad' : 'tile'}>
          <dt>{t(`monitoring.dashboard.${k}`)}</dt>
          <dd>{formatNumber(v, i18n.language)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function channelBars(d: Dashboard, t: (k: 'online' | 'direct' | 'postal') => string) {
  return (['online', 'direct', 'postal'] as const).map((k) => ({
    key: k,
    name: t(k),
    value: d.channels[k].numerator,
  }));
}

export function ChannelTable({ d }: { d: Dashboard }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="dense">
        <caption>{t('monitoring.dashboard.channelsTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('monitoring.dashboard.channel')}</th>
            <th scope="col">{t('monitoring.dashboard.count')}</th>
            <th scope="col">{t('monitoring.dashboard.share')}</th>
          </tr>
        </thead>
        <tbody>
          {(['online', 'direct', 'postal'] as const).map((k) => (
            <tr key={k}>
              <th scope="row">{t(`monitoring.dashboard.${k}`)}</th>
              <td className="num">{formatNumber(d.channels[k].numerator, i18n.language)}</td>
              <td className="num">
                {percent(d.channels[k].percent, i18n.language) ?? (
                  <span className="no-data">{t('monitoring.dashboard.noData')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The trend's figures: the chart's text alternative (visually hidden when `hidden`). */
export function TrendTable({ d, hidden = false }: { d: Dashboard; hidden?: boolean }) {
  const { t } = useTranslation();
  const groupName = useGroupName();
  const { series, rows } = trendSeries(d, groupName, t('monitoring.dashboard.total'));
  return (
    <div className={hidden ? 'sr-only' : 'table-wrap'}>
      <table className="dense">
        <caption>{t('monitoring.dashboard.trendCaption')}</caption>
        <thead>
          <tr>
            <td />
            {series.map((s) => (
              <th key={s.key} scope="col">
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={d.trend[i]!.period}>
              <th scope="row">{d.trend[i]!.label}</th>
              {series.map((s) => (
                <td key={s.key} className="num">
                  <ScoreText score={(r as unknown as Record<string, number | null>)[s.key] ?? null} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Holder({ r }: { r: OverdueRow }) {
  const { t, i18n } = useTranslation();
  const where = [r.holder.department, r.holder.agency].filter(Boolean).join(', ');
  if (r.holder.assignee)
    return (
      <>
        {r.holder.assignee.name}
        {where && <span className="meta"> — {where}</span>}
      </>
    );
  const l = r.holder.role ? ROLE_LABELS[r.holder.role as Role] : undefined;
  const role = l ? (i18n.language.startsWith('en') ? l.en : l.vi) : (r.holder.role ?? '—');
  return (
    <>
      {t('monitoring.dashboard.pool', { role })}
      {where && <span className="meta"> — {where}</span>}
    </>
  );
}

export function LateText({ minutes }: { minutes: number }) {
  const { t } = useTranslation();
  const p = lateParts(minutes);
  return (
    <>{p.kind === 'days' ? t('monitoring.dashboard.lateDays', p) : t('monitoring.dashboard.lateHours', p)}</>
  );
}

export function OverdueTable({ d, compact = false }: { d: Dashboard; compact?: boolean }) {
  const { t } = useTranslation();
  if (d.overdue.dossiers.length === 0) return <p>{t('monitoring.dashboard.overdueNone')}</p>;
  return (
    <div className="table-wrap">
      <table className="dense overdue">
        <caption>
          {t('monitoring.dashboard.overdueTitle')} —{' '}
          {t('monitoring.dashboard.overdueShown', { n: d.overdue.dossiers.length, total: d.overdue.total })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('monitoring.dashboard.code')}</th>
            {!compact && <th scope="col">{t('monitoring.dashboard.procedure')}</th>}
            <th scope="col">{t('monitoring.dashboard.agency')}</th>
            {!compact && <th scope="col">{t('monitoring.dashboard.step')}</th>}
            <th scope="col">{t('monitoring.dashboard.holder')}</th>
            <th scope="col">{t('monitoring.dashboard.late')}</th>
          </tr>
        </thead>
        <tbody>
          {d.overdue.dossiers.map((r) => (
            <tr key={r.id}>
              <th scope="row" className="code">
                {r.code ?? '—'}
              </th>
              {!compact && <td>{r.procedure.name}</td>}
              <td>{r.agency.name}</td>
              {!compact && <td>{r.step?.name ?? '—'}</td>}
              <td>
                <Holder r={r} />
              </td>
              <td className="num">
                <LateText minutes={r.lateMinutes} />
                {r.paused && <span className="meta"> {t('monitoring.dashboard.clockStopped')}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
