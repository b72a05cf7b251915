/**
 * The dossier's log as the citizen reads it: what happened, when, in plain words (never the
 * action's type code), with the facts the action decided (the code, the new dates, the items to
 * supply, the reason given).
 */
import type { DossierAction } from '@motcua/core';
import { useTranslation } from 'react-i18next';
import { DateText } from '../ui/DateText.js';
import { formatDateTime, formatMoney } from '../ui/format.js';
import { isoOf, type LogEntry } from './account-data.js';

function Sentence({ a }: { a: DossierAction }) {
  const { t, i18n } = useTranslation();
  const when = (ms: number) => formatDateTime(isoOf(ms), i18n.language);
  const k = 'portal.account.timeline.actions' as const;
  switch (a.type) {
    case 'accept':
      return <>{t(`${k}.accept`, { code: a.code, due: when(a.dueAt) })}</>;
    case 'supplement_received':
      return <>{t(`${k}.supplement_received`, { due: when(a.dueAt) })}</>;
    case 'recalculate_due':
      return <>{t(`${k}.recalculate_due`, { due: when(a.dueAt) })}</>;
    case 'request_payment':
      return <>{t(`${k}.request_payment`, { amount: formatMoney(a.amountVnd, i18n.language) })}</>;
    case 'apologise':
      return <>{t(`${k}.apologise`, { to: when(a.newAppointmentAt) })}</>;
    case 'return_result':
      return (
        <>{t(`${k}.return_result`, { delivery: t(`portal.account.timeline.deliveries.${a.delivery}`) })}</>
      );
    case 'rate':
      return <>{t(`${k}.rate`, { score: a.score })}</>;
    default:
      return <>{t(`${k}.${a.type}`)}</>;
  }
}

function Details({ a }: { a: DossierAction }) {
  const { t } = useTranslation();
  const items =
    a.type === 'request_supplement' ? a.items : a.type === 'request_completion' ? a.missing : null;
  return (
    <>
      {items && items.length > 0 && (
        <>
          <p>{t('portal.account.timeline.items')}</p>
          <ul>
            {items.map((i) => (
              <li key={`${i.name}|${i.reason}`}>
                {i.name}: {i.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {a.type === 'issue_result' && a.resultCode && (
        <p>{t('portal.account.timeline.resultCode', { code: a.resultCode })}</p>
      )}
      {a.reason && a.type !== 'rate' && <p>{t('portal.account.timeline.reason', { text: a.reason })}</p>}
      {a.type === 'stop' && <p>{t('portal.account.timeline.legalGround', { text: a.legalGround })}</p>}
      {a.type === 'rate' && a.comment && <p>“{a.comment}”</p>}
    </>
  );
}

export function Timeline({ log }: { log: readonly LogEntry[] }) {
  const { t } = useTranslation();
  if (log.length === 0) return <p>{t('portal.account.timeline.empty')}</p>;
  return (
    <ol className="timeline">
      {log.map((e) => (
        <li key={e.seq}>
          <DateText value={e.at} time />
          <p>
            <Sentence a={e.payload} />
          </p>
          <Details a={e.payload} />
        </li>
      ))}
    </ol>
  );
}
