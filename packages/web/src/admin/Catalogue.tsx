import type { LimitUnit } from '@motcua/core';
import { useQuery } from '@tanstack/react-query';
import { Input, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { call, client } from '../app/api.js';
import { ErrorState } from '../ui/ErrorState.js';
import { formatNumber } from '../ui/format.js';
import { PageTitle } from '../ui/Page.js';
import { useDebounced } from '../ui/useDebounced.js';
import { AdminNav } from './AdminHome.js';
import { AdminOnly } from './shared.js';

const PAGE = 20;

/** /quan-tri/thu-tuc: find a procedure of the catalogue to edit its draft, publish it or assign it. */
export function Catalogue() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const query = useDebounced(q.trim(), 300);
  const page = Number(params.get('trang') ?? '1') || 1;
  const results = useQuery({
    queryKey: ['admin', 'procedures', query, page],
    queryFn: () =>
      call(
        client.GET('/api/v1/procedures', {
          params: { query: { limit: PAGE, offset: (page - 1) * PAGE, ...(query ? { q: query } : {}) } },
        }),
      ),
    placeholderData: (prev) => prev,
  });
  return (
    <section>
      <AdminNav />
      <PageTitle text={t('admin.catalogue.title')} />
      <AdminOnly>
        <p>{t('admin.catalogue.intro')}</p>
        <div className="admin-toolbar">
          <Input.Search
            aria-label={t('admin.catalogue.search')}
            placeholder={t('admin.catalogue.search')}
            allowClear
            value={q}
            style={{ width: 420 }}
            onChange={(e) => {
              setQ(e.target.value);
              setParams(e.target.value ? { q: e.target.value } : {}, { replace: true });
            }}
          />
          {results.data && (
            <span className="admin-muted" aria-live="polite">
              {t('admin.catalogue.found', { n: formatNumber(results.data.total, i18n.language) })}
            </span>
          )}
        </div>
        {results.isError ? (
          <ErrorState error={results.error} onRetry={() => results.refetch()} />
        ) : (
          <Table
            size="small"
            rowKey="code"
            loading={results.isFetching}
            dataSource={results.data?.items ?? []}
            locale={{ emptyText: <span className="admin-empty">{t('admin.common.nothingFound')}</span> }}
            pagination={{
              current: page,
              pageSize: PAGE,
              total: results.data?.total ?? 0,
              showSizeChanger: false,
              onChange: (p) => setParams({ ...(q ? { q } : {}), trang: String(p) }),
            }}
            columns={[
              { title: t('admin.catalogue.code'), dataIndex: 'code', width: 100 },
              {
                title: t('admin.catalogue.name'),
                dataIndex: 'name',
                render: (name: string, r) => <Link to={`/quan-tri/thu-tuc/${r.code}`}>{name}</Link>,
              },
              { title: t('admin.catalogue.field'), dataIndex: 'field_name', width: 200 },
              {
                title: t('admin.catalogue.levels'),
                dataIndex: 'levels',
                width: 140,
                render: (l: string[]) => l.join(', '),
              },
              {
                title: t('admin.catalogue.limit'),
                dataIndex: 'time_limit',
                width: 150,
                render: (l: { value: number; unit: LimitUnit } | null) =>
                  l ? limitText(l.value, l.unit, t) : t('admin.catalogue.noLimit'),
              },
              { title: t('admin.catalogue.version'), dataIndex: 'version_no', width: 90 },
            ]}
          />
        )}
      </AdminOnly>
    </section>
  );
}

type T = (k: `admin.units.${LimitUnit}` | 'admin.catalogue.noLimit') => string;
export const limitText = (value: number | null, unit: LimitUnit | null, t: T) =>
  unit === 'same_day'
    ? t('admin.units.same_day')
    : value === null || unit === null
      ? t('admin.catalogue.noLimit')
      : `${value} ${t(`admin.units.${unit}`)}`;
