import { solarToLunar } from '@motcua/core';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, InputNumber, Popconfirm, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { call, client } from '../app/api.js';
import { DateText } from '../ui/DateText.js';
import { ErrorState } from '../ui/ErrorState.js';
import { formatDate, vietnamDate } from '../ui/format.js';
import { Loading, PageTitle } from '../ui/Page.js';
import { AdminNav } from './AdminHome.js';
import { HolidayException } from './HolidayException.js';
import { HolidayRules, WorkingTime } from './HolidaySettings.js';
import {
  type CalendarYear,
  daysInMonth,
  isExceptionKind,
  useCalendarsChanged,
  useCalendarYear,
  WEEKDAYS,
  type WeekdayKey,
  weekdayOf,
  type YearException,
} from './holidays-data.js';
import { type CalendarRow, useCalendars } from './queries.js';
import { AdminOnly, isoDay, Refusal } from './shared.js';
import './admin.css';

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

/**
 * /quan-tri/ngay-nghi: the deployment's and its agencies' working calendars, one year at a time:
 * the days off and make-up days deadlines are computed on, with the lunar date beside each day
 * (Tết and the Hùng Kings' day are lunar), the weekly hours and the extra holidays.
 */
export function Holidays() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const calendars = useCalendars();
  // the national calendar (no tenant) changes only through the operators' import
  const editable = (calendars.data ?? []).filter((c) => c.tenant_id !== null);
  const asked = Number(params.get('nam'));
  const year =
    Number.isInteger(asked) && asked >= MIN_YEAR && asked <= MAX_YEAR ? asked : vietnamDate(new Date()).year;
  const askedId = Number(params.get('lich'));
  const chosen =
    editable.find((c) => c.id === askedId)?.id ??
    editable.find((c) => c.agency_id === null)?.id ??
    editable[0]?.id;
  const go = (next: { lich?: number; nam?: number }) =>
    setParams({ lich: String(next.lich ?? chosen ?? ''), nam: String(next.nam ?? year) }, { replace: true });

  let body: React.ReactNode;
  if (calendars.isPending) body = <Loading />;
  else if (calendars.isError)
    body = <ErrorState error={calendars.error} onRetry={() => calendars.refetch()} />;
  else if (!chosen) body = <Alert type="info" showIcon title={t('admin.holidays.noCalendar')} />;
  else
    body = (
      <>
        <div className="admin-toolbar">
          <label htmlFor="hol-calendar">{t('admin.holidays.calendar')}</label>
          <Select
            id="hol-calendar"
            style={{ width: 520 }}
            value={chosen}
            onChange={(id: number) => go({ lich: id })}
            options={editable.map((c) => ({ value: c.id, label: `${c.name} (${c.code})` }))}
          />
          <label htmlFor="hol-year">{t('admin.holidays.year')}</label>
          <Space.Compact>
            <Button disabled={year <= MIN_YEAR} onClick={() => go({ nam: year - 1 })}>
              {t('admin.holidays.prevYear')}
            </Button>
            <InputNumber
              id="hol-year"
              min={MIN_YEAR}
              max={MAX_YEAR}
              precision={0}
              value={year}
              onChange={(y) => typeof y === 'number' && y >= MIN_YEAR && y <= MAX_YEAR && go({ nam: y })}
              style={{ width: 90 }}
            />
            <Button disabled={year >= MAX_YEAR} onClick={() => go({ nam: year + 1 })}>
              {t('admin.holidays.nextYear')}
            </Button>
          </Space.Compact>
        </div>
        <CalendarView id={chosen} year={year} calendars={calendars.data ?? []} />
      </>
    );

  return (
    <section>
      <AdminNav />
      <PageTitle text={t('admin.holidays.title')} />
      <AdminOnly>
        <p>{t('admin.holidays.intro')}</p>
        <p className="admin-muted">{t('admin.holidays.nationalReadOnly')}</p>
        {body}
      </AdminOnly>
    </section>
  );
}

function CalendarView({ id, year, calendars }: { id: number; year: number; calendars: CalendarRow[] }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const cal = useCalendarYear(id, year);
  const changed = useCalendarsChanged();
  const [dialog, setDialog] = useState<{ date: string | null } | null>(null);
  const derive = useMutation({
    mutationFn: () =>
      call(client.POST('/api/v1/calendars/{id}/years/{year}/derive', { params: { path: { id, year } } })),
    onSuccess: async (r) => {
      await changed();
      void message.success(t('admin.holidays.derived', { n: r.exceptions.length, year: r.year }));
    },
  });
  const confirm = useMutation({
    mutationFn: () =>
      call(client.POST('/api/v1/calendars/{id}/years/{year}/confirm', { params: { path: { id, year } } })),
    onSuccess: async (r) => {
      await changed();
      void message.success(t('admin.holidays.confirmed', { n: r.confirmed }));
    },
  });

  if (cal.isPending) return <Loading />;
  if (cal.isError) return <ErrorState error={cal.error} onRetry={() => cal.refetch()} />;
  const data = cal.data;
  const byDate = new Map(data.exceptions.map((e) => [e.date, e]));
  const parent = calendars.find((c) => c.id === data.parentId);
  const agency = calendars.find((c) => c.id === data.id)?.agency_name;
  const provisional = data.exceptions.filter((e) => e.status === 'provisional').length;
  const official = data.exceptions.length - provisional;
  const weekdayName = (date: string) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return t(`admin.holidays.weekdays.${String(weekdayOf(y, m, d)) as WeekdayKey}`);
  };

  return (
    <>
      <h2 className="admin-h2">
        {data.name} ({data.code})
      </h2>
      {agency && <p>{t('admin.holidays.ofAgency', { agency })}</p>}
      {parent && <p>{t('admin.holidays.parent', { name: parent.name })}</p>}
      <p>{t('admin.holidays.summary', { year, official, provisional })}</p>
      {provisional > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('admin.holidays.provisionalWarning', { year, n: provisional })}
        />
      )}
      <div className="admin-toolbar">
        <Button type="primary" onClick={() => setDialog({ date: null })}>
          {t('admin.holidays.add')}
        </Button>
        <Popconfirm
          title={t('admin.holidays.deriveConfirm', { year })}
          okText={t('admin.holidays.doIt')}
          cancelText={t('cancel')}
          onConfirm={() => derive.mutate()}
        >
          <Button loading={derive.isPending}>{t('admin.holidays.derive', { year })}</Button>
        </Popconfirm>
        <Popconfirm
          title={t('admin.holidays.confirmConfirm', { year })}
          okText={t('admin.holidays.doIt')}
          cancelText={t('cancel')}
          onConfirm={() => confirm.mutate()}
        >
          <Button loading={confirm.isPending}>{t('admin.holidays.confirm', { year })}</Button>
        </Popconfirm>
      </div>
      <Refusal error={derive.error ?? confirm.error} />

      <h2 className="admin-h2">{t('admin.holidays.months', { year })}</h2>
      <Legend />
      <YearGrid cal={data} byDate={byDate} onPick={(date) => setDialog({ date })} />

      <h2 className="admin-h2">{t('admin.holidays.exceptions', { year })}</h2>
      <Table
        size="small"
        rowKey="date"
        pagination={false}
        dataSource={data.exceptions}
        locale={{ emptyText: <span className="admin-empty">{t('admin.holidays.noExceptions')}</span> }}
        columns={[
          {
            title: t('admin.holidays.date'),
            dataIndex: 'date',
            width: 290,
            render: (d: string) => (
              <>
                {weekdayName(d)}, <DateText value={d} lunar />
              </>
            ),
          },
          {
            title: t('admin.holidays.kind'),
            dataIndex: 'kind',
            width: 150,
            render: (k: string) => (isExceptionKind(k) ? t(`admin.holidays.kinds.${k}`) : k),
          },
          { title: t('admin.holidays.name'), dataIndex: 'name' },
          {
            title: t('admin.holidays.legalBasis'),
            dataIndex: 'legalBasis',
            render: (v: string | null) => v ?? '—',
          },
          {
            title: t('admin.holidays.status'),
            dataIndex: 'status',
            width: 100,
            render: (s: string) =>
              s === 'provisional' || s === 'official' ? t(`admin.holidays.statuses.${s}`) : s,
          },
          {
            title: t('admin.holidays.origin'),
            dataIndex: 'inherited',
            width: 120,
            render: (v: boolean) => (v ? t('admin.holidays.inherited') : t('admin.holidays.own')),
          },
          {
            title: '',
            key: 'edit',
            width: 140,
            render: (_: unknown, e: YearException) => {
              const date = formatDate(e.date, i18n.language);
              return (
                <Button
                  size="small"
                  onClick={() => setDialog({ date: e.date })}
                  aria-label={
                    e.inherited
                      ? t('admin.holidays.overrideOf', { date })
                      : t('admin.holidays.editOf', { date })
                  }
                >
                  {e.inherited ? t('admin.holidays.override') : t('admin.holidays.edit')}
                </Button>
              );
            },
          },
        ]}
      />

      <WorkingTime key={data.id} cal={data} />
      <HolidayRules calendarId={data.id} />

      {dialog && (
        <HolidayException
          calendarId={data.id}
          date={dialog.date}
          existing={dialog.date ? byDate.get(dialog.date) : undefined}
          parentName={parent?.name ?? null}
          onClose={() => setDialog(null)}
        />
      )}
    </>
  );
}

function Legend() {
  const { t } = useTranslation();
  return (
    <div className="admin-legend">
      <strong>{t('admin.holidays.legend')}:</strong>
      <span className="admin-day" data-kind="weekend">
        {t('admin.holidays.weekend')}
      </span>
      {(['statutory', 'compensatory', 'swapped_day_off', 'makeup_working_day'] as const).map((k) => (
        <span key={k} className="admin-day" data-kind={k}>
          {t(`admin.holidays.kinds.${k}`)}
        </span>
      ))}
      <span className="admin-day" data-provisional="true">
        {t('admin.holidays.provisionalMark')}
      </span>
    </div>
  );
}

/** Twelve months, each day a button that opens its exception; the lunar day is under the solar one. */
function YearGrid({
  cal,
  byDate,
  onPick,
}: {
  cal: CalendarYear;
  byDate: Map<string, YearException>;
  onPick: (date: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const year = cal.year;
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  return (
    <div className="admin-year">
      {months.map((m) => {
        const first = weekdayOf(year, m, 1);
        const count = daysInMonth(year, m);
        const cells: (number | null)[] = [
          ...Array.from({ length: first - 1 }, () => null),
          ...Array.from({ length: count }, (_, i) => i + 1),
        ];
        while (cells.length % 7) cells.push(null);
        const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
        const titleId = `hol-month-${m}`;
        return (
          <div key={m} className="admin-month">
            <h3 id={titleId}>{t('admin.holidays.monthN', { n: m })}</h3>
            <table aria-labelledby={titleId}>
              <thead>
                <tr>
                  {WEEKDAYS.map((k) => (
                    <th key={k} scope="col">
                      <abbr title={t(`admin.holidays.weekdays.${k}`)}>
                        {t(`admin.holidays.weekdaysShort.${k}`)}
                      </abbr>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {weeks.map((week) => (
                  // a week of a month is its first day's date, or the padding before day 1
                  <tr key={`${m}-${week.find((d) => d !== null)}`}>
                    {week.map((d, i) =>
                      d === null ? (
                        <td key={`pad-${WEEKDAYS[i]}`} />
                      ) : (
                        <td key={d}>
                          <Day
                            date={isoDay(year, m, d)}
                            weekday={String(weekdayOf(year, m, d)) as WeekdayKey}
                            weekly={cal.weekly}
                            exception={byDate.get(isoDay(year, m, d))}
                            lang={i18n.language}
                            onPick={onPick}
                          />
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </div>
  );
}

function Day({
  date,
  weekday,
  weekly,
  exception,
  lang,
  onPick,
}: {
  date: string;
  weekday: WeekdayKey;
  weekly: Record<string, string[]>;
  exception: YearException | undefined;
  lang: string;
  onPick: (date: string) => void;
}) {
  const { t } = useTranslation();
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const lunar = solarToLunar({ year: y, month: m, day: d });
  const weekend = (weekly[weekday] ?? []).length === 0;
  const kind = exception?.kind ?? (weekend ? 'weekend' : undefined);
  let what = '';
  if (exception) {
    const k = isExceptionKind(exception.kind) ? t(`admin.holidays.kinds.${exception.kind}`) : exception.kind;
    const s =
      exception.status === 'provisional' || exception.status === 'official'
        ? t(`admin.holidays.statuses.${exception.status}`)
        : exception.status;
    what = ` — ${k} (${s}): ${exception.name}`;
  } else if (weekend) what = ` — ${t('admin.holidays.weekend')}`;
  const label = `${t('admin.holidays.dayLabel', {
    weekday: t(`admin.holidays.weekdays.${weekday}`),
    date: formatDate(date, lang),
  })}, ${t('admin.holidays.lunarShort', { day: lunar.day, month: `${lunar.month}${lunar.leap ? 'N' : ''}` })}${what}`;
  return (
    <button
      type="button"
      className="admin-day"
      data-kind={kind}
      data-provisional={exception?.status === 'provisional' ? 'true' : undefined}
      data-date={date}
      title={exception?.name}
      onClick={() => onPick(date)}
    >
      {/* The name is the full sentence, read instead of the two bare numbers that are seen: hidden
          text rather than aria-label, so that the name never contradicts what is on screen. */}
      <span className="sr-only">{label}</span>
      <span aria-hidden="true">
        {d}
        <small>{lunar.day === 1 ? `${lunar.day}/${lunar.month}` : lunar.day}</small>
      </span>
    </button>
  );
}
