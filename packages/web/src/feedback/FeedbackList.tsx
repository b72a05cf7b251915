/**
 * /xu-ly/phan-anh: the PAKN of the agencies the officer's positions reach, soonest due first, as a
 * dense table: status, classification, the deadline that runs now (the answer's, then the
 * publication's) in words and the worklists' colours, and whether one was missed. Filters are the
 * API's (status, classification, overdue); pages of 50.
 */
import {
  CLASSIFICATION_LABELS,
  FEEDBACK_STATE_LABELS,
  FEEDBACK_STATES,
  type FeedbackClassification,
  type FeedbackState,
} from '@motcua/core';
import { Button, Checkbox, Select, Space, Table, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateText } from '../ui/DateText.js';
import { DeadlineTag, deadlineLevel } from '../ui/DeadlineTag.js';
import { ErrorState } from '../ui/ErrorState.js';
import { formatNumber } from '../ui/format.js';
import { PageTitle } from '../ui/Page.js';
import { type FeedbackRow, type ListQuery, nextDeadline, useFeedbackList } from './api.js';
import './feedback.css';

const label = (l: { vi: string; en: string }, lang: string) => (lang.startsWith('en') ? l.en : l.vi);

/** The running deadline with its tag; a missed one is said in words, not by colour alone. */
export function DeadlineCell({ r }: { r: Pick<FeedbackRow, 'status' | 'deadlines' | 'overdue' | 'late'> }) {
  const { t } = useTranslation();
  const next = nextDeadline(r);
  return (
    <Space size={4} wrap>
      {next ? (
        <>
          <span className="meta">{t(`feedback.${next.kind}`)}</span>
          <DateText value={next.at} time />
          <DeadlineTag level={r.overdue ? 'overdue' : deadlineLevel(next.at)} />
        </>
      ) : (
        '—'
      )}
      {r.late && !r.overdue && <span className="tag tag-late">{t('feedback.late')}</span>}
    </Space>
  );
}

export function FeedbackList() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [status, setStatus] = useState<FeedbackState | ''>('');
  const [classification, setClassification] = useState<ListQuery['classification'] | ''>('');
  const [overdue, setOverdue] = useState(false);
  const q = useFeedbackList({
    ...(status ? { status } : {}),
    ...(classification ? { classification } : {}),
    ...(overdue ? { overdue: true } : {}),
  });
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  const total = q.data?.pages[0]?.total;

  const cols: TableProps<FeedbackRow>['columns'] = [
    {
      title: t('feedback.code'),
      render: (_, r) => <Link to={`/xu-ly/phan-anh/${r.id}`}>{r.code}</Link>,
    },
    { title: t('feedback.subject'), dataIndex: 'title' },
    { title: t('feedback.agency'), render: (_, r) => r.agency.name },
    {
      title: t('feedback.status'),
      render: (_, r) => <span className="tag">{label(r.statusLabel, lang)}</span>,
    },
    {
      title: t('feedback.classification'),
      render: (_, r) =>
        r.classification ? (
          <span className={`tag tag-${r.classification}`}>
            {label(CLASSIFICATION_LABELS[r.classification as FeedbackClassification], lang)}
          </span>
        ) : (
          <span className="tag tag-unclassified">{t('feedback.unclassified')}</span>
        ),
    },
    { title: t('feedback.receivedAt'), render: (_, r) => <DateText value={r.receivedAt} time /> },
    { title: t('feedback.deadline'), render: (_, r) => <DeadlineCell r={r} /> },
  ];

  return (
    <section className="feedback-officer">
      <PageTitle text={t('feedback.title')} />
      <p>{t('feedback.intro')}</p>
      <search className="worklist-filters" aria-label={t('feedback.filters')}>
        <div className="filter">
          <label htmlFor="fb-status">{t('feedback.status')}</label>
          <Select
            id="fb-status"
            value={status}
            onChange={setStatus}
            style={{ width: 220 }}
            options={[
              { value: '', label: t('feedback.allStatuses') },
              ...FEEDBACK_STATES.map((s) => ({ value: s, label: label(FEEDBACK_STATE_LABELS[s], lang) })),
            ]}
          />
        </div>
        <div className="filter">
          <label htmlFor="fb-class">{t('feedback.classification')}</label>
          <Select
            id="fb-class"
            value={classification}
            onChange={setClassification}
            style={{ width: 240 }}
            options={[
              { value: '', label: t('feedback.allClassifications') },
              { value: 'rules', label: label(CLASSIFICATION_LABELS.rules, lang) },
              { value: 'behaviour', label: label(CLASSIFICATION_LABELS.behaviour, lang) },
              { value: 'unclassified', label: t('feedback.unclassified') },
            ]}
          />
        </div>
        <div className="filter filter-check">
          <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)}>
            {t('feedback.overdueOnly')}
          </Checkbox>
        </div>
        <span className="worklist-total" role="status" aria-live="polite">
          {q.isFetching && !q.isFetchingNextPage
            ? t('loading')
            : total !== undefined
              ? t('feedback.total', { n: formatNumber(total, lang) })
              : null}
        </span>
      </search>
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <>
          <Table<FeedbackRow>
            size="small"
            rowKey="id"
            loading={q.isPending}
            dataSource={rows}
            columns={cols}
            pagination={false}
            locale={{ emptyText: t('feedback.empty') }}
            caption={<span className="sr-only">{t('feedback.caption')}</span>}
          />
          {q.hasNextPage && (
            <Button onClick={() => q.fetchNextPage()} loading={q.isFetchingNextPage} style={{ marginTop: 8 }}>
              {t('feedback.more')}
            </Button>
          )}
        </>
      )}
    </section>
  );
}
