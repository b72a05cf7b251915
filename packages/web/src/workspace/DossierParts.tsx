/** The parts of a dossier every officer screen shows: who applied, what for, where it stands. */
import { ROLE_LABELS, type Role } from '@motcua/core';
import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { DateText } from '../ui/DateText.js';
import { type DeadlineLevel, DeadlineTag, deadlineLevel } from '../ui/DeadlineTag.js';
import { StatusTag } from '../ui/StatusTag.js';
import type { DossierDetail, DossierView, WorklistRow } from './types.js';

const Dash = () => <>—</>;

/** The timeliness the worklists compute, as the deadline tag shows it (a stopped clock in words). */
export function TimelinessTag({
  timeliness,
  dueAt,
}: {
  timeliness: WorklistRow['timeliness'];
  dueAt: string | null;
}) {
  const { t } = useTranslation();
  if (timeliness === 'paused') return <span className="tag tag-paused">{t('workspace.paused')}</span>;
  const level: DeadlineLevel | undefined =
    timeliness === 'in_time'
      ? 'onTime'
      : timeliness === 'due_soon'
        ? 'dueSoon'
        : timeliness === 'overdue'
          ? 'overdue'
          : undefined;
  return <DeadlineTag dueAt={dueAt} {...(level ? { level } : {})} />;
}

/** The deadline of a dossier from its detail: paused while the clock is stopped. */
export function DossierDeadline({ dossier: d }: { dossier: DossierView }) {
  const paused = d.state.pauses.some((p) => p.to === null);
  const open = ['accepted', 'processing', 'awaiting_payment', 'supplement_requested'].includes(d.status);
  if (!open || !d.dueAt) return null;
  return (
    <TimelinessTag
      timeliness={
        paused
          ? 'paused'
          : ({ onTime: 'in_time', dueSoon: 'due_soon', overdue: 'overdue', none: null } as const)[
              deadlineLevel(d.dueAt)
            ]
      }
      dueAt={d.dueAt}
    />
  );
}

export function RoleName({ role }: { role: string | null }) {
  const { i18n } = useTranslation();
  if (!role) return <Dash />;
  const l = ROLE_LABELS[role as Role];
  return <>{l ? (i18n.language.startsWith('en') ? l.en : l.vi) : role}</>;
}

export function DossierSummary({ detail }: { detail: DossierDetail }) {
  const { t } = useTranslation();
  const d = detail.dossier;
  const a = d.applicant;
  const when = (v: string | null, lunar = false) =>
    v ? <DateText value={v} time lunar={lunar} /> : <Dash />;
  return (
    <Descriptions
      size="small"
      bordered
      column={2}
      items={[
        { key: 'code', label: t('workspace.code'), children: d.code ?? t('workspace.noCode') },
        {
          key: 'status',
          label: t('workspace.status'),
          children: (
            <>
              <StatusTag state={d.status} /> <DossierDeadline dossier={d} />
            </>
          ),
        },
        {
          key: 'procedure',
          label: t('workspace.procedure'),
          span: 2,
          children: `${detail.procedure.code} — ${detail.procedure.name}`,
        },
        { key: 'applicant', label: t('workspace.applicant'), children: a.name ?? <Dash /> },
        { key: 'identity', label: t('workspace.identityNumber'), children: a.identityNumber ?? <Dash /> },
        { key: 'address', label: t('workspace.address'), span: 2, children: a.address ?? <Dash /> },
        { key: 'phone', label: t('workspace.phone'), children: a.phone ?? <Dash /> },
        { key: 'email', label: t('workspace.email'), children: a.email ?? <Dash /> },
        {
          key: 'channel',
          label: t('workspace.channel'),
          children: d.channel ? t(`workspace.channels.${d.channel}`) : <Dash />,
        },
        { key: 'received', label: t('workspace.receivedAt'), children: when(d.receivedAt) },
        { key: 'due', label: t('workspace.dueAt'), children: when(d.dueAt) },
        { key: 'appointment', label: t('workspace.appointmentAt'), children: when(d.appointmentAt, true) },
        {
          key: 'step',
          label: t('workspace.step'),
          span: 2,
          children: detail.step ? (
            <>
              {detail.step.name} ({detail.step.code}) · <RoleName role={d.stepRole} />
              {d.stepDueAt && (
                <>
                  {' '}
                  · {t('workspace.stepDue')} <DateText value={d.stepDueAt} time />
                </>
              )}
            </>
          ) : (
            <Dash />
          ),
        },
      ]}
    />
  );
}

/** Field names of an e-form (camelCase keys) as readable words when the schema gives no title. */
const humanise = (k: string) => k.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());

type Schema = { title?: string; properties?: Record<string, Schema>; items?: Schema };

function Value({ v, schema }: { v: unknown; schema?: Schema | undefined }) {
  const { t } = useTranslation();
  if (v === null || v === undefined || v === '') return <Dash />;
  if (typeof v === 'boolean') return <>{v ? t('workspace.yes') : t('workspace.no')}</>;
  if (Array.isArray(v))
    return (
      <ul className="plain-list">
        {v.map((x, i) => (
          // the position is the identity of an item of a submitted list
          // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list
          <li key={i}>
            <Value v={x} schema={schema?.items} />
          </li>
        ))}
      </ul>
    );
  if (typeof v === 'object')
    return <FormDataView data={v as Record<string, unknown>} schema={schema} nested />;
  return <>{String(v)}</>;
}

/** The applicant's e-form data, as submitted (nested groups as nested lists). */
export function FormDataView({
  data,
  schema,
  nested = false,
}: {
  data: Record<string, unknown>;
  /** the e-form's JSON Schema: its titles name the fields */
  schema?: Schema | undefined;
  nested?: boolean;
}) {
  const entries = Object.entries(data);
  return (
    <dl className={nested ? 'form-data nested' : 'form-data'}>
      {entries.map(([k, v]) => (
        <div key={k} className="form-data-row">
          <dt>{schema?.properties?.[k]?.title ?? humanise(k)}</dt>
          <dd>
            <Value v={v} schema={schema?.properties?.[k]} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
