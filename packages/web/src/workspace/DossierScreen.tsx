/**
 * One dossier at an officer's desk: who applied and what for, the e-form data, the papers and
 * their files, the liên thông children, the log, the legal forms, and the actions this officer
 * can record now, each with its form. A success refreshes the dossier; a conflict says someone
 * else changed it and offers the reload.
 */
import { ACTION_LABELS, type ActionType } from '@motcua/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './workspace.css';
import { Link } from 'react-router';
import { call, client } from '../app/api.js';
import { useOfficer } from '../app/session.js';
import { ErrorState } from '../ui/ErrorState.js';
import { formSetOf } from '../ui/format.js';
import { Loading, PageTitle } from '../ui/Page.js';
import { ActionForm } from './ActionForm.js';
import { availableForms, type FormCode, formUrl, useDossier, useDossierLog } from './api.js';
import { availableActions } from './availability.js';
import { Documents, ResultFiles } from './Documents.js';
import { DossierSummary, FormDataView } from './DossierParts.js';
import { ActionLog, JointChildren } from './Timeline.js';
import type { ActionAnswer, LogEntry } from './types.js';

const FINAL = ['refused', 'withdrawn', 'stopped', 'returned'];

/** The form an action produces, to print right after it. */
const FORM_AFTER: Partial<Record<ActionType, FormCode>> = {
  accept: 'RECEIPT',
  request_completion: 'SUPPLEMENT_REQUEST',
  request_supplement: 'SUPPLEMENT_REQUEST',
  refuse_intake: 'REFUSAL',
  apologise: 'APOLOGY_EXTENSION',
  stop: 'STOP_NOTICE',
};

/**
 * Opens one legal form (PDF) in a new tab, named as in the set the server fills it from: that of
 * the receipt date (the 2025 apology is a "Văn bản xin lỗi và đề nghị gia hạn…", the control
 * slip became Mẫu 06). Without a receipt yet, today's set.
 */
export function FormLink({
  id,
  form,
  receivedAt,
}: {
  id: number;
  form: FormCode;
  receivedAt?: string | null;
}) {
  const { t } = useTranslation();
  const set = formSetOf(receivedAt) === '2018' ? 'forms' : 'forms2025';
  return (
    <a href={formUrl(id, form)} target="_blank" rel="noopener" className="form-link">
      {t(`workspace.${set}.${form}`)}
      <span className="sr-only"> {t('workspace.newTab')}</span>
    </a>
  );
}

/** The e-form's JSON Schema of the procedure as in force, for its field titles. */
function useEformSchema(code: string | undefined) {
  return useQuery({
    queryKey: ['public', 'procedure', code],
    queryFn: () =>
      call(client.GET('/api/v1/procedures/{code}', { params: { path: { code: code as string } } })),
    enabled: !!code,
    staleTime: 10 * 60_000,
    select: (p) => p.content.eform?.schema,
  });
}

/** A liên thông child names the lead dossier it is a part of, and leads to it. */
function ParentNote({ parentId, log }: { parentId: number; log: LogEntry[] | undefined }) {
  const { t } = useTranslation();
  const opened = log?.find((a) => a.type === 'receive_joint');
  const code = (opened?.payload as { parentCode?: string } | undefined)?.parentCode ?? `#${parentId}`;
  return (
    <Alert
      type="info"
      showIcon
      className="parent-note"
      title={t('workspace.childOf', { code })}
      description={<Link to={`/xu-ly/ho-so/${parentId}`}>{t('workspace.openParent', { code })}</Link>}
    />
  );
}

export function DossierScreen({
  id,
  title,
  back,
  primary = [],
  side,
}: {
  id: number;
  /** the screen's name, before the dossier's code */
  title: string;
  back: { to: string; label: string };
  /** actions to put first (the desk's own) */
  primary?: ActionType[];
  /** more for the side column (the desk's postal order) */
  side?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const me = useOfficer();
  const detail = useDossier(id);
  const log = useDossierLog(id);
  const schema = useEformSchema(detail.data?.procedure.code || undefined);
  const [open, setOpen] = useState<ActionType | null>(null);
  const [done, setDone] = useState<{ type: ActionType; answer: ActionAnswer } | null>(null);

  if (detail.isPending || me.isPending) return <Loading />;
  if (detail.isError) return <ErrorState error={detail.error} onRetry={() => detail.refetch()} />;
  if (!me.data) return null;
  const data = detail.data;
  const d = data.dossier;
  const roles = new Set(me.data.positions.map((p) => p.role));
  const actions = availableActions(data, me.data).sort(
    (a, b) => Number(primary.includes(b)) - Number(primary.includes(a)),
  );
  const forms = availableForms(d, log.data);
  const final = FINAL.includes(d.status);
  const label = (a: ActionType) => (en ? ACTION_LABELS[a].en : ACTION_LABELS[a].vi);
  const section = (key: string, heading: string, body: ReactNode) => (
    <section className="card" aria-labelledby={`h-${key}`}>
      <h2 id={`h-${key}`}>{heading}</h2>
      {body}
    </section>
  );

  return (
    <div>
      <p className="back-link">
        <Link to={back.to}>← {back.label}</Link>
      </p>
      <PageTitle text={`${title}: ${d.code ?? `#${d.id}`}`} />
      {d.parentId !== null && <ParentNote parentId={d.parentId} log={log.data} />}
      <div className="dossier-layout">
        <div className="dossier-main">
          {section('summary', t('workspace.sections.summary'), <DossierSummary detail={data} />)}
          {data.formData &&
            section(
              'eform',
              t('workspace.sections.eform'),
              <FormDataView data={data.formData} schema={schema.data as never} />,
            )}
          {section(
            'documents',
            t('workspace.sections.documents'),
            <Documents
              detail={data}
              canUpload={!final && (roles.has('receiving_officer') || roles.has('specialist'))}
              canDigitise={roles.has('receiving_officer')}
            />,
          )}
          {['processing', 'result_ready', 'returned'].includes(d.status) &&
            section('results', t('workspace.sections.results'), <ResultFiles dossierId={d.id} />)}
          {(d.state.openJoints.length > 0 || log.data?.some((a) => a.type === 'joint_send')) &&
            section('joint', t('workspace.sections.joint'), <JointChildren dossierId={d.id} />)}
          {section(
            'log',
            t('workspace.sections.log'),
            log.isPending ? (
              <Loading />
            ) : log.isError ? (
              <ErrorState error={log.error} onRetry={() => log.refetch()} />
            ) : (
              <ActionLog log={log.data} />
            ),
          )}
        </div>
        <aside className="dossier-side" aria-label={t('workspace.sections.actions')}>
          {section(
            'actions',
            t('workspace.sections.actions'),
            <Space orientation="vertical" style={{ width: '100%' }}>
              {done && (
                <Alert
                  type="success"
                  showIcon
                  role="status"
                  title={t('workspace.done', { action: label(done.type) })}
                  description={
                    <>
                      {done.answer.dossier.code && (
                        <p>
                          {t('workspace.code')}: <strong>{done.answer.dossier.code}</strong>
                        </p>
                      )}
                      {FORM_AFTER[done.type] && (
                        <FormLink
                          id={d.id}
                          form={FORM_AFTER[done.type] as FormCode}
                          receivedAt={d.receivedAt}
                        />
                      )}
                    </>
                  }
                />
              )}
              {actions.length === 0 ? (
                <p>
                  {final
                    ? t('workspace.finalState')
                    : d.state.openJoints.length > 0
                      ? t('workspace.jointWaiting')
                      : t('workspace.nothingForYou')}
                </p>
              ) : (
                actions.map((a, i) => (
                  <Button
                    key={a}
                    block
                    type={i === 0 ? 'primary' : 'default'}
                    danger={['refuse_intake', 'stop', 'withdraw'].includes(a)}
                    onClick={() => {
                      setDone(null);
                      setOpen(a);
                    }}
                  >
                    {label(a)}
                  </Button>
                ))
              )}
            </Space>,
          )}
          {forms.length > 0 &&
            section(
              'forms',
              t('workspace.sections.forms'),
              <ul className="plain-list">
                {forms.map((f) => (
                  <li key={f}>
                    <FormLink id={d.id} form={f} receivedAt={d.receivedAt} />
                  </li>
                ))}
              </ul>,
            )}
          {side}
        </aside>
      </div>
      {open && (
        <ActionForm
          detail={data}
          log={log.data}
          type={open}
          onClose={() => setOpen(null)}
          onDone={(answer) => setDone({ type: open, answer })}
        />
      )}
    </div>
  );
}
