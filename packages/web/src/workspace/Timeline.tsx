/** The log as written (the basis of the control slip) and the liên thông children's progress. */
import { ACTION_LABELS } from '@motcua/core';
import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DEADLINE_COLORS } from '../app/theme.js';
import { DateText } from '../ui/DateText.js';
import { ErrorState } from '../ui/ErrorState.js';
import { Loading } from '../ui/Page.js';
import { StatusTag } from '../ui/StatusTag.js';
import { useChildren } from './api.js';
import { DossierDeadline, RoleName } from './DossierParts.js';
import { segmentOf } from './segments.js';
import type { ChildDossier, LogEntry } from './types.js';

function detailOf(
  a: LogEntry,
  t: (
    k: 'workspace.log.toStep' | 'workspace.log.code' | 'workspace.log.newAppointment' | 'workspace.log.items',
  ) => string,
) {
  const p = a.payload as {
    toStep?: string;
    step?: string;
    code?: string;
    newAppointmentAt?: number;
    items?: { name: string }[];
    missing?: { name: string }[];
    outcome?: string;
  };
  const parts: string[] = [];
  if (p.toStep ?? (a.type === 'accept' ? p.step : undefined))
    parts.push(`${t('workspace.log.toStep')} ${p.toStep ?? p.step}`);
  if (a.type === 'accept' && p.code) parts.push(`${t('workspace.log.code')} ${p.code}`);
  if (p.newAppointmentAt)
    parts.push(
      `${t('workspace.log.newAppointment')} ${new Date(p.newAppointmentAt).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}`,
    );
  const items = p.items ?? p.missing;
  if (items?.length) parts.push(`${t('workspace.log.items')} ${items.map((i) => i.name).join('; ')}`);
  return parts.join(' · ');
}

export function ActionLog({ log }: { log: LogEntry[] }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  return (
    <ol className="action-log">
      {log.map((a) => (
        <li key={a.seq}>
          <span className="action-log-when">
            <DateText value={a.at} time />
          </span>
          <span className="action-log-what">
            <strong>
              {ACTION_LABELS[a.type] ? (en ? ACTION_LABELS[a.type].en : ACTION_LABELS[a.type].vi) : a.type}
            </strong>
            <span className="meta">
              {' — '}
              {a.actor.kind === 'officer' ? (
                <>
                  <RoleName role={a.actor.role} /> · {a.actor.agency}
                </>
              ) : a.actor.kind === 'applicant' ? (
                t('workspace.log.applicant')
              ) : (
                t('workspace.log.system')
              )}
            </span>
            {detailOf(a, t) && <span className="action-log-detail">{detailOf(a, t)}</span>}
            {a.reason && (
              <span className="action-log-detail">
                {t('workspace.log.reason')}: {a.reason}
              </span>
            )}
          </span>
        </li>
      ))}
    </ol>
  );
}

const SEGMENT_COLORS = {
  early: DEADLINE_COLORS.onTime,
  on_time: DEADLINE_COLORS.onTime,
  late: DEADLINE_COLORS.overdue,
  open: DEADLINE_COLORS.none,
} as const;

export function JointChildren({ dossierId }: { dossierId: number }) {
  const { t } = useTranslation();
  const children = useChildren(dossierId, true);
  if (children.isPending) return <Loading />;
  if (children.isError) return <ErrorState error={children.error} onRetry={() => children.refetch()} />;
  if (!children.data.length) return <p>{t('workspace.noChildren')}</p>;
  return (
    <Table<ChildDossier>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={children.data}
      columns={[
        {
          title: t('workspace.code'),
          render: (_, c) => <Link to={`/xu-ly/ho-so/${c.id}`}>{c.code ?? `#${c.id}`}</Link>,
        },
        { title: t('workspace.jointAgency'), render: (_, c) => c.agency.name },
        {
          title: t('workspace.status'),
          render: (_, c) => (
            <>
              <StatusTag state={c.status} /> <DossierDeadline dossier={c} />
            </>
          ),
        },
        { title: t('workspace.step'), render: (_, c) => c.currentStep ?? '—' },
        {
          title: t('workspace.jointDue'),
          render: (_, c) => (c.dueAt ? <DateText value={c.dueAt} time /> : '—'),
        },
        {
          title: t('workspace.finishedAt'),
          render: (_, c) => (c.finishedAt ? <DateText value={c.finishedAt} time /> : '—'),
        },
        {
          title: t('workspace.jointPart'),
          render: (_, c) => {
            const s = segmentOf(c);
            return (
              <span className="tag" style={SEGMENT_COLORS[s]}>
                {t(`workspace.segments.${s}`)}
              </span>
            );
          },
        },
      ]}
    />
  );
}
