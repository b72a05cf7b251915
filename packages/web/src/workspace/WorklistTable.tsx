/**
 * One worklist as a dense table: filters, sorting and keyset paging as the API offers them
 * (GET /api/v1/worklists/{list}), deadline tags in words and colour, and optional row selection.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Input, Select, Space, Table, type TableProps } from 'antd';
import type { Key, ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call, client } from '../app/api.js';
import { DateText } from '../ui/DateText.js';
import { ErrorState } from '../ui/ErrorState.js';
import { formatNumber } from '../ui/format.js';
import { useDebounced } from '../ui/useDebounced.js';
import { RoleName, TimelinessTag } from './DossierParts.js';
import type { ListName, WorklistQuery, WorklistRow } from './types.js';

type Sort = NonNullable<WorklistQuery['sort']>;

export function WorklistTable({
  list,
  linkTo,
  selection,
  caption,
  columns = 'processing',
}: {
  list: ListName;
  /** where a row's code leads */
  linkTo: (row: WorklistRow) => string;
  selection?: { keys: Key[]; onChange: (keys: Key[], rows: WorklistRow[]) => void };
  caption: string;
  /** which columns: the processing lists, or the desk's queue of submissions */
  columns?: 'processing' | 'intake';
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const intake = list === 'to_receive';
  const [q, setQ] = useState('');
  const [channel, setChannel] = useState<WorklistQuery['channel']>();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [sort, setSort] = useState<{ sort: Sort; order: 'asc' | 'desc' }>({
    sort: intake ? 'submittedAt' : 'dueAt',
    order: 'asc',
  });
  const settledQ = useDebounced(q.trim(), 300);
  const query: WorklistQuery = {
    limit: 50,
    sort: sort.sort,
    order: sort.order,
    ...(settledQ ? { q: settledQ } : {}),
    ...(channel ? { channel } : {}),
    ...(from ? { receivedFrom: from } : {}),
    ...(to ? { receivedTo: to } : {}),
  };
  const pages = useInfiniteQuery({
    queryKey: ['worklists', list, query],
    queryFn: ({ pageParam }) =>
      call(
        client.GET('/api/v1/worklists/{list}', {
          params: { path: { list }, query: { ...query, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 10_000,
  });
  const rows = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const first = pages.data?.pages[0];

  const sorter = (key: Sort) => ({
    sorter: true,
    sortOrder: sort.sort === key ? (sort.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null,
    key,
  });
  const when = (v: string | null) => (v ? <DateText value={v} time /> : '—');
  const cols: TableProps<WorklistRow>['columns'] = [
    {
      title: t('workspace.code'),
      ...(intake ? {} : sorter('code')),
      render: (_, r) => <Link to={linkTo(r)}>{r.code ?? t('workspace.openSubmission', { id: r.id })}</Link>,
    },
    {
      title: t('workspace.procedure'),
      render: (_, r) => (
        <>
          <span className="code">{r.procedure.code}</span>
          {r.procedure.name}
        </>
      ),
    },
    { title: t('workspace.applicant'), dataIndex: 'applicantName', render: (v: string | null) => v ?? '—' },
    ...(columns === 'intake'
      ? [
          {
            title: t('workspace.submittedAt'),
            ...sorter('submittedAt'),
            render: (_: unknown, r: WorklistRow) => when(r.submittedAt),
          },
          {
            title: t('workspace.channel'),
            render: (_: unknown, r: WorklistRow) => (r.channel ? t(`workspace.channels.${r.channel}`) : '—'),
          },
        ]
      : [
          {
            title: t('workspace.step'),
            render: (_: unknown, r: WorklistRow) => (
              <>
                {r.currentStep ?? '—'}
                <span className="meta">
                  {' · '}
                  <RoleName role={r.stepRole} />
                </span>
              </>
            ),
          },
          {
            title: t('workspace.assignee'),
            render: (_: unknown, r: WorklistRow) => r.assignee?.fullName ?? t('workspace.unassigned'),
          },
          {
            title: t('workspace.receivedAt'),
            ...sorter('receivedAt'),
            render: (_: unknown, r: WorklistRow) => when(r.receivedAt),
          },
          {
            title: t('workspace.dueAt'),
            ...sorter('dueAt'),
            render: (_: unknown, r: WorklistRow) => (
              <Space size={4} wrap>
                {when(r.dueAt)}
                <TimelinessTag timeliness={r.timeliness} dueAt={r.dueAt} />
              </Space>
            ),
          },
          {
            title: t('workspace.appointmentAt'),
            ...sorter('appointmentAt'),
            render: (_: unknown, r: WorklistRow) => when(r.appointmentAt),
          },
        ]),
  ];

  let total: ReactNode = null;
  if (first && first.total !== null)
    total = first.totalExact
      ? t('workspace.total', { n: formatNumber(first.total, lang) })
      : t('workspace.totalAtLeast', { n: formatNumber(first.total, lang) });

  return (
    <div className="worklist">
      <search className="worklist-filters" aria-label={t('workspace.filters')}>
        <div className="filter">
          <label htmlFor="wl-q">{t('workspace.filterQ')}</label>
          <Input
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            allowClear
            style={{ width: 260 }}
            id="wl-q"
          />
        </div>
        <div className="filter">
          <label htmlFor="wl-channel">{t('workspace.channel')}</label>
          <Select
            value={channel ?? ''}
            onChange={(v) => setChannel(v ? (v as WorklistQuery['channel']) : undefined)}
            style={{ width: 160 }}
            id="wl-channel"
            options={[
              { value: '', label: t('workspace.allChannels') },
              { value: 'direct', label: t('workspace.channels.direct') },
              { value: 'online', label: t('workspace.channels.online') },
              { value: 'postal', label: t('workspace.channels.postal') },
            ]}
          />
        </div>
        <div className="filter">
          <label htmlFor="wl-from">
            {intake ? t('workspace.submittedFrom') : t('workspace.receivedFrom')}
          </label>
          <Input
            id="wl-from"
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            style={{ width: 150 }}
          />
        </div>
        <div className="filter">
          <label htmlFor="wl-to">{t('workspace.to')}</label>
          <Input
            id="wl-to"
            type="date"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            style={{ width: 150 }}
          />
        </div>
        <span className="worklist-total" role="status" aria-live="polite">
          {pages.isFetching && !pages.isFetchingNextPage ? t('loading') : total}
        </span>
      </search>
      {pages.isError ? (
        <ErrorState error={pages.error} onRetry={() => pages.refetch()} />
      ) : (
        <>
          <Table<WorklistRow>
            size="small"
            rowKey="id"
            loading={pages.isPending}
            dataSource={rows}
            columns={cols}
            pagination={false}
            locale={{ emptyText: t('workspace.emptyList') }}
            caption={<span className="sr-only">{caption}</span>}
            {...(selection
              ? {
                  rowSelection: {
                    selectedRowKeys: selection.keys,
                    onChange: selection.onChange,
                    getCheckboxProps: (r: WorklistRow) => ({
                      'aria-label': t('workspace.selectRow', { code: r.code ?? r.id }),
                    }),
                  },
                }
              : {})}
            onChange={(_p, _f, s) => {
              const one = Array.isArray(s) ? s[0] : s;
              if (one?.columnKey && one.order)
                setSort({ sort: one.columnKey as Sort, order: one.order === 'ascend' ? 'asc' : 'desc' });
              else setSort({ sort: intake ? 'submittedAt' : 'dueAt', order: 'asc' });
            }}
          />
          {pages.hasNextPage && (
            <Button
              onClick={() => pages.fetchNextPage()}
              loading={pages.isFetchingNextPage}
              style={{ marginTop: 8 }}
            >
              {t('workspace.more')}
            </Button>
          )}
        </>
      )}
    </div>
  );
}
