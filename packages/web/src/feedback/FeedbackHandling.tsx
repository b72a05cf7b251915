/**
 * /xu-ly/phan-anh/:id: handling one PAKN. What was sent and by whom (the contact is the agency's to
 * see), the four deadlines with how each stands, the answer or refusal, the sender's rating, the
 * log, and the actions the server's `allowedActions` offers this officer now (by state and role):
 * classify, ask for information, refuse with a reason, answer, publish, close. Each is sent with
 * the version on screen and one Idempotency-Key per intent; a conflict says what happened and
 * reloads.
 */
import { CLASSIFICATION_LABELS, type FeedbackClassification } from '@motcua/core';
import { Alert, Button, Descriptions, Form, Input, Modal, Radio, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../app/api.js';
import { DEADLINE_COLORS } from '../app/theme.js';
import { DateText } from '../ui/DateText.js';
import { type DeadlineLevel, deadlineLevel } from '../ui/DeadlineTag.js';
import { ErrorState } from '../ui/ErrorState.js';
import { describeError } from '../ui/ErrorText.js';
import { Loading, PageTitle } from '../ui/Page.js';
import { type FeedbackDetail, type OfficerAction, useFeedbackAction, useFeedbackDetail } from './api.js';
import { DeadlineCell } from './FeedbackList.js';
import './feedback.css';

const label = (l: { vi: string; en: string } | null, lang: string) =>
  l ? (lang.startsWith('en') ? l.en : l.vi) : '';
const OFFICER_ACTIONS: OfficerAction[] = [
  'classify',
  'request_info',
  'refuse',
  'resolve',
  'publish',
  'close',
];
const KINDS = ['refuse', 'request_info', 'resolve', 'publish'] as const;
type Kind = (typeof KINDS)[number];
const DUE: Record<Kind, 'refuseBy' | 'requestInfoBy' | 'resolveBy' | 'publishBy'> = {
  refuse: 'refuseBy',
  request_info: 'requestInfoBy',
  resolve: 'resolveBy',
  publish: 'publishBy',
};

export function FeedbackHandling() {
  const raw = useParams().id ?? '';
  const id = /^\d{1,12}$/.test(raw) ? Number(raw) : 0;
  const { t } = useTranslation();
  const q = useFeedbackDetail(id);
  const [open, setOpen] = useState<OfficerAction | null>(null);
  const [done, setDone] = useState<string | null>(null);

  if (id === 0 || (q.error instanceof ApiError && q.error.status === 404))
    return (
      <section className="feedback-officer">
        <PageTitle text={t('feedback.title')} />
        <Alert type="warning" showIcon title={t('feedback.one.notFound')} />
        <p>
          <Link to="/xu-ly/phan-anh">{t('feedback.one.back')}</Link>
        </p>
      </section>
    );
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  const f = q.data;
  const offered = OFFICER_ACTIONS.filter((a) => f.allowedActions.includes(a));

  return (
    <section className="feedback-officer">
      <p className="back-link">
        <Link to="/xu-ly/phan-anh">← {t('feedback.one.back')}</Link>
      </p>
      <PageTitle text={t('feedback.one.title', { code: f.code })} />
      <div role="status">{done && <Alert type="success" showIcon title={done} />}</div>
      <div className="feedback-grid">
        <div>
          <Summary f={f} />
          <h2 id="fb-content">{t('feedback.one.content')}</h2>
          <section aria-labelledby="fb-content" className="card">
            <p>
              <strong>{f.title}</strong>
            </p>
            <p className="feedback-text">{f.content}</p>
          </section>
          {f.refusalReason && (
            <>
              <h2 id="fb-refusal">{t('feedback.one.refusal')}</h2>
              <section aria-labelledby="fb-refusal" className="card">
                <p className="feedback-text">{f.refusalReason}</p>
              </section>
            </>
          )}
          {f.answer && (
            <>
              <h2 id="fb-answer">{t('feedback.one.answer')}</h2>
              <section aria-labelledby="fb-answer" className="card">
                <p className="feedback-text">{f.answer}</p>
              </section>
            </>
          )}
          <Log f={f} />
        </div>
        <div>
          <h2 id="fb-actions">{t('feedback.one.actions')}</h2>
          <section aria-labelledby="fb-actions">
            {offered.length ? (
              <div className="feedback-actions">
                {offered.map((a) => (
                  <Button
                    key={a}
                    type={a === 'resolve' || a === 'publish' ? 'primary' : 'default'}
                    danger={a === 'refuse'}
                    onClick={() => {
                      setDone(null);
                      setOpen(a);
                    }}
                  >
                    {t(`feedback.actions.${a}`)}
                  </Button>
                ))}
              </div>
            ) : (
              <p>{t('feedback.one.noActions')}</p>
            )}
            {f.status === 'received' && f.classification === null && (
              <p className="meta">{t('feedback.form.classifyFirst')}</p>
            )}
          </section>
          <Deadlines f={f} />
          <Rating f={f} />
        </div>
      </div>
      {open && (
        <ActionModal
          f={f}
          type={open}
          onClose={() => setOpen(null)}
          onDone={() => setDone(t('feedback.one.done', { action: t(`feedback.actions.${open}`) }))}
        />
      )}
    </section>
  );
}

function Summary({ f }: { f: FeedbackDetail }) {
  const { t, i18n } = useTranslation();
  const s = f.submitter;
  const dash = '—';
  return (
    <Descriptions
      size="small"
      bordered
      column={2}
      title={<span id="fb-summary">{t('feedback.one.summary')}</span>}
      items={[
        {
          key: 'status',
          label: t('feedback.status'),
          children: <span className="tag">{label(f.statusLabel, i18n.language)}</span>,
        },
        {
          key: 'class',
          label: t('feedback.classification'),
          children: f.classification ? (
            <span className={`tag tag-${f.classification}`}>
              {label(CLASSIFICATION_LABELS[f.classification as FeedbackClassification], i18n.language)}
            </span>
          ) : (
            <span className="tag tag-unclassified">{t('feedback.unclassified')}</span>
          ),
        },
        { key: 'agency', label: t('feedback.agency'), children: f.agency },
        {
          key: 'received',
          label: t('feedback.receivedAt'),
          children: <DateText value={f.receivedAt} time />,
        },
        { key: 'procedure', label: t('feedback.one.procedure'), children: f.procedureCode ?? dash },
        {
          key: 'dossier',
          label: t('feedback.one.dossier'),
          children: f.dossierId ? <Link to={`/xu-ly/ho-so/${f.dossierId}`}>#{f.dossierId}</Link> : dash,
        },
        ...(f.previousId
          ? [
              {
                key: 'previous',
                label: t('feedback.one.previous'),
                children: <Link to={`/xu-ly/phan-anh/${f.previousId}`}>#{f.previousId}</Link>,
              },
            ]
          : []),
        { key: 'deadline', label: t('feedback.deadline'), children: <DeadlineCell r={f} /> },
        { key: 'name', label: t('feedback.one.name'), children: s.name ?? dash },
        { key: 'phone', label: t('feedback.one.phone'), children: s.phone ?? dash },
        { key: 'email', label: t('feedback.one.email'), children: s.email ?? dash },
        { key: 'address', label: t('feedback.one.address'), children: s.address ?? dash },
      ]}
    />
  );
}

/** How a deadline stands, in the worklists' colours and in words. */
function judgementLevel(j: string, due: string | null): DeadlineLevel {
  if (j === 'on_time') return 'onTime';
  if (j === 'late' || j === 'overdue') return 'overdue';
  if (j === 'pending') return deadlineLevel(due);
  return 'none';
}

function Deadlines({ f }: { f: FeedbackDetail }) {
  const { t } = useTranslation();
  return (
    <>
      <h2 id="fb-deadlines">{t('feedback.one.deadlines')}</h2>
      <Table
        size="small"
        pagination={false}
        rowKey="kind"
        caption={<span className="sr-only">{t('feedback.one.deadlines')}</span>}
        dataSource={KINDS.map((k) => ({ kind: k, due: f.deadlines[DUE[k]], judgement: f.judgement[k] }))}
        columns={[
          { title: t('feedback.one.kind'), render: (_, r) => t(`feedback.one.kinds.${r.kind}`) },
          { title: t('feedback.one.due'), render: (_, r) => (r.due ? <DateText value={r.due} time /> : '—') },
          {
            title: t('feedback.one.judgement'),
            render: (_, r) => (
              <span className="tag" style={DEADLINE_COLORS[judgementLevel(r.judgement, r.due)]}>
                {t(`feedback.one.judgements.${r.judgement}`)}
              </span>
            ),
          },
        ]}
      />
    </>
  );
}

function Rating({ f }: { f: FeedbackDetail }) {
  const { t } = useTranslation();
  if (!['refused', 'resolved', 'published', 'closed'].includes(f.status)) return null;
  return (
    <>
      <h2 id="fb-rating">{t('feedback.one.rating')}</h2>
      <p>
        {f.rating === 'satisfied'
          ? t('feedback.one.satisfied')
          : f.rating === 'dissatisfied'
            ? t('feedback.one.dissatisfied')
            : t('feedback.one.notRated')}
        {f.raisedAgainAt && (
          <>
            {' · '}
            {t('feedback.one.raisedAgain')} (<DateText value={f.raisedAgainAt} />)
          </>
        )}
      </p>
    </>
  );
}

function Log({ f }: { f: FeedbackDetail }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <h2 id="fb-log">{t('feedback.one.log')}</h2>
      <ol className="feedback-log" aria-labelledby="fb-log">
        {f.log.map((e) => {
          const who =
            (e.actor as { kind?: string }).kind === 'citizen'
              ? t('feedback.one.byCitizen')
              : t('feedback.one.byOfficer');
          const known =
            (OFFICER_ACTIONS as string[]).includes(e.type) ||
            ['submit', 'add_info', 'rate', 'raise_again'].includes(e.type);
          return (
            <li key={e.seq}>
              <DateText value={e.at} time /> ·{' '}
              {known ? t(`feedback.actions.${e.type as OfficerAction}`) : e.type} ·{' '}
              <span className="meta">{who}</span>
              {e.classification && (
                <>
                  {' '}
                  ·{' '}
                  {label(
                    CLASSIFICATION_LABELS[e.classification as FeedbackClassification] ?? null,
                    i18n.language,
                  )}
                </>
              )}
              {e.satisfied !== undefined && (
                <> · {e.satisfied ? t('feedback.one.satisfied') : t('feedback.one.dissatisfied')}</>
              )}
              {e.text && <p className="feedback-text">{e.text}</p>}
            </li>
          );
        })}
      </ol>
    </>
  );
}

/** Why an action was refused: a stale version said so with the reload; otherwise the server's words. */
function ActionRefusal({ error, onReload }: { error: unknown; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const stale = error instanceof ApiError && error.code === 'VERSION_CONFLICT';
  const details = error instanceof ApiError ? error.details : {};
  const text = stale
    ? t('feedback.conflict', {
        current: String(details.currentVersion ?? '?'),
        seen: String(details.expectedVersion ?? '?'),
      })
    : error instanceof ApiError && error.status === 409
      ? error.text(i18n.language)
      : describeError(error, t, i18n.language);
  const conflict = error instanceof ApiError && error.status === 409;
  return (
    <Alert
      type="error"
      role="alert"
      showIcon
      title={stale ? t('feedback.conflictTitle') : t('errors.title')}
      description={
        <Space orientation="vertical">
          <span>{text}</span>
          {conflict && (
            <Button type="primary" onClick={onReload}>
              {t('feedback.reload')}
            </Button>
          )}
        </Space>
      }
    />
  );
}

type Values = {
  classification?: string;
  question?: string;
  reason?: string;
  answer?: string;
  summary?: string;
};

function ActionModal({
  f,
  type,
  onClose,
  onDone,
}: {
  f: FeedbackDetail;
  type: OfficerAction;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const action = useFeedbackAction(f.id);
  const [form] = Form.useForm<Values>();
  const required = (message: string) => [{ required: true, whitespace: true, message }];
  const text = (v: string | undefined) => (v ?? '').normalize('NFC').trim();

  const bodyOf = (v: Values) => {
    const expectedVersion = f.version;
    switch (type) {
      case 'classify':
        return { type, expectedVersion, classification: v.classification as FeedbackClassification };
      case 'request_info':
        return { type, expectedVersion, question: text(v.question) };
      case 'refuse':
        return { type, expectedVersion, reason: text(v.reason) };
      case 'resolve':
        return { type, expectedVersion, answer: text(v.answer) };
      case 'publish':
        return { type, expectedVersion, ...(text(v.summary) ? { summary: text(v.summary) } : {}) };
      case 'close':
        return { type, expectedVersion };
    }
  };

  const fields = () => {
    switch (type) {
      case 'classify':
        return (
          <Form.Item
            name="classification"
            label={t('feedback.form.classification')}
            rules={[{ required: true, message: t('feedback.form.classificationRequired') }]}
          >
            <Radio.Group
              options={(['rules', 'behaviour'] as const).map((c) => ({
                value: c,
                label: label(CLASSIFICATION_LABELS[c], i18n.language),
              }))}
            />
          </Form.Item>
        );
      case 'request_info':
        return (
          <Form.Item
            name="question"
            label={t('feedback.form.question')}
            rules={required(t('feedback.form.questionRequired'))}
          >
            <Input.TextArea rows={4} maxLength={2000} />
          </Form.Item>
        );
      case 'refuse':
        return (
          <Form.Item
            name="reason"
            label={t('feedback.form.reason')}
            rules={required(t('feedback.form.reasonRequired'))}
          >
            <Input.TextArea rows={4} maxLength={2000} />
          </Form.Item>
        );
      case 'resolve':
        return (
          <Form.Item
            name="answer"
            label={t('feedback.form.answer')}
            rules={required(t('feedback.form.answerRequired'))}
          >
            <Input.TextArea rows={8} maxLength={10000} />
          </Form.Item>
        );
      case 'publish':
        return (
          <>
            <p>{t('feedback.form.publishNote')}</p>
            <Form.Item
              name="summary"
              label={t('feedback.form.summary')}
              extra={t('feedback.form.summaryHint', { title: f.title })}
            >
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        );
      case 'close':
        return <p>{t('feedback.form.closeConfirm')}</p>;
    }
  };

  return (
    <Modal
      open
      title={t(`feedback.actions.${type}`)}
      onCancel={onClose}
      destroyOnHidden
      width={640}
      footer={null}
      maskClosable={false}
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={f.classification ? { classification: f.classification } : {}}
        disabled={action.isPending}
        onFinish={(v) =>
          action.mutate(bodyOf(v), {
            onSuccess: () => {
              onDone();
              onClose();
            },
          })
        }
      >
        {fields()}
        {action.isError && <ActionRefusal error={action.error} onReload={onClose} />}
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={action.isPending} danger={type === 'refuse'}>
            {t(`feedback.actions.${type}`)}
          </Button>
          <Button onClick={onClose}>{t('cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
