/**
 * The appointment and how it came about, from what the dossier records: the receipt, the legal
 * time limit of the way it was submitted (the procedure version in force on the day it was
 * submitted), the clock stops, and any apology's new date. Nothing is recomputed here: the dates
 * shown are the ones the server decided.
 */
import { useTranslation } from 'react-i18next';
import { DateText } from '../ui/DateText.js';
import { formatDateTime, formatNumber } from '../ui/format.js';
import { type DossierDetail, isoOf, useProcedureOn, vnDay } from './account-data.js';

type Unit = 'working_days' | 'working_hours' | 'calendar_days' | 'months' | 'same_day';

export function Appointment({ detail }: { detail: DossierDetail }) {
  const { t, i18n } = useTranslation();
  const d = detail.dossier;
  const procedure = useProcedureOn(detail.procedure.code || undefined, vnDay(d.createdAt));
  const when = (ms: number) => formatDateTime(isoOf(ms), i18n.language);
  const channel = d.channel ?? 'direct';
  const limit = procedure.data?.content.channels.find((c) => c.channel === channel)?.timeLimit;
  const unit = (limit?.unit ?? null) as Unit | null;
  const limitText =
    unit && (limit?.value != null || unit === 'same_day')
      ? t(`portal.account.appointment.units.${unit}`, { n: formatNumber(limit?.value ?? 0, i18n.language) })
      : (limit?.raw ?? null);
  const s = d.state;
  // lateness is judged against the due instant, never the appointment an apology moved (TIME.md
  // §1.5): past it, the citizen is told so rather than left to think the new date is the limit.
  // A stopped clock is not late; the server moves the due instant when it restarts.
  const paused = s.pauses.some((p) => p.to === null);
  const late =
    !!d.dueAt && !paused && new Date(d.finishedAt ?? Date.now()).getTime() > new Date(d.dueAt).getTime();
  return (
    <section className="card" aria-labelledby="h-appointment">
      <h2 id="h-appointment">{t('portal.account.appointment.title')}</h2>
      {d.appointmentAt ? (
        <>
          <p className="appointment-date">
            <DateText value={d.appointmentAt} time lunar />
          </p>
          <details open>
            <summary>{t('portal.account.appointment.how')}</summary>
            <ul className="how">
              {d.receivedAt && (
                <li>
                  {t('portal.account.appointment.received', {
                    at: formatDateTime(d.receivedAt, i18n.language),
                  })}
                </li>
              )}
              <li>
                {limitText
                  ? t('portal.account.appointment.limit', {
                      channel: t(`portal.account.dossier.channels.${channel}`),
                      limit: limitText,
                    })
                  : t('portal.account.appointment.limitUnknown')}
              </li>
              {(unit === 'working_days' || unit === 'working_hours') && (
                <li>{t('portal.account.appointment.workingDays')}</li>
              )}
              {s.pauses.map((p) => {
                const kind = t(`portal.account.appointment.pauseKinds.${p.kind}`);
                return (
                  <li key={p.from}>
                    {p.to === null
                      ? t('portal.account.appointment.pauseOpen', { kind, from: when(p.from) })
                      : t('portal.account.appointment.pause', { kind, from: when(p.from), to: when(p.to) })}
                  </li>
                );
              })}
              {d.dueAt && (
                <li>{t('portal.account.appointment.due', { at: formatDateTime(d.dueAt, i18n.language) })}</li>
              )}
              {s.apologies.map((a) => (
                <li key={a.at}>
                  {t('portal.account.appointment.apology', { at: when(a.at), to: when(a.newAppointmentAt) })}
                </li>
              ))}
              {late && d.dueAt && (
                <li>
                  {t('portal.account.appointment.late', { at: formatDateTime(d.dueAt, i18n.language) })}
                </li>
              )}
            </ul>
          </details>
        </>
      ) : (
        <p>{t('portal.account.appointment.none')}</p>
      )}
    </section>
  );
}
