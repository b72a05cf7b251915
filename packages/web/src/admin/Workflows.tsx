import { useQuery } from '@tanstack/react-query';
import { Select, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { call, client } from '../app/api.js';
import { ErrorState } from '../ui/ErrorState.js';
import { PageTitle } from '../ui/Page.js';
import { useDebounced } from '../ui/useDebounced.js';
import { AdminNav } from './AdminHome.js';
import { AdminOnly } from './shared.js';

interface Implementation {
  id: number;
  agency: string;
  agencyName: string;
  localCode: string;
  active: boolean;
  workflow: { versionNo: number; longestPathHours: number; limitHours: number | null } | null;
}

/** /quan-tri/quy-trinh: pick a procedure, then the agency whose internal workflow to open. */
export function Workflows() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const code = params.get('thu-tuc');
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 300);
  const procedures = useQuery({
    queryKey: ['admin', 'procedures', 'pick', query],
    queryFn: () =>
      call(
        client.GET('/api/v1/procedures', {
          params: { query: { limit: 20, offset: 0, ...(query ? { q: query } : {}) } },
        }),
      ),
    placeholderData: (prev) => prev,
  });
  const impls = useQuery({
    queryKey: ['admin', 'procedure', code, 'implementations'],
    queryFn: async () =>
      (await call(
        client.GET('/api/v1/admin/procedures/{code}/implementations', {
          params: { path: { code: code ?? '' } },
        }),
      )) as unknown as Implementation[],
    enabled: !!code,
  });
  const [agencyFilter, setAgencyFilter] = useState('');
  const shown = (impls.data ?? []).filter((i) =>
    `${i.agencyName} ${i.agency}`.toLowerCase().includes(agencyFilter.trim().toLowerCase()),
  );
  return (
    <section>
      <AdminNav />
      <PageTitle text={t('admin.workflows.title')} />
      <AdminOnly>
        <p>{t('admin.workflows.intro')}</p>
        <div className="admin-toolbar">
          <label htmlFor="wf-procedure">{t('admin.workflows.procedure')}</label>
          <Select
            id="wf-procedure"
            style={{ width: 560 }}
            showSearch={{ filterOption: false, onSearch: setQ }}
            value={code ?? undefined}
            placeholder={t('admin.workflows.procedureHint')}
            loading={procedures.isFetching}
            onChange={(v: string) => setParams({ 'thu-tuc': v })}
            options={(procedures.data?.items ?? []).map((p) => ({
              value: p.code,
              label: `${p.code} — ${p.name}`,
            }))}
          />
        </div>
        {code &&
          (impls.isError ? (
            <ErrorState error={impls.error} onRetry={() => impls.refetch()} />
          ) : (
            <>
              <h2 className="admin-h2">{t('admin.workflows.agencies')}</h2>
              <div className="admin-toolbar">
                <label htmlFor="wf-agency-filter">{t('admin.workflows.filterAgency')}</label>
                <input
                  id="wf-agency-filter"
                  className="ant-input"
                  style={{ width: 280 }}
                  value={agencyFilter}
                  onChange={(e) => setAgencyFilter(e.target.value)}
                />
              </div>
              <Table
                size="small"
                rowKey="id"
                loading={impls.isPending}
                dataSource={shown}
                locale={{ emptyText: <span className="admin-empty">{t('admin.impl.none')}</span> }}
                pagination={{ pageSize: 20, showSizeChanger: false }}
                columns={[
                  {
                    title: t('admin.impl.agency'),
                    dataIndex: 'agencyName',
                    render: (n: string, r) => <Link to={`/quan-tri/quy-trinh/${r.id}`}>{n}</Link>,
                  },
                  { title: t('admin.impl.localCode'), dataIndex: 'localCode' },
                  {
                    title: t('admin.impl.workflow'),
                    dataIndex: 'workflow',
                    render: (w: Implementation['workflow']) =>
                      w
                        ? t('admin.impl.workflowVersion', {
                            n: w.versionNo,
                            hours: w.longestPathHours,
                            limit: w.limitHours ?? '—',
                          })
                        : t('admin.impl.noWorkflow'),
                  },
                  {
                    title: t('admin.impl.active'),
                    dataIndex: 'active',
                    render: (a: boolean) => (a ? t('admin.common.yes') : t('admin.common.no')),
                  },
                ]}
              />
            </>
          ))}
        {!code && (
          <p className="admin-muted">
            {t('admin.workflows.orFrom')} <Link to="/quan-tri/thu-tuc">{t('admin.nav.catalogue')}</Link>
          </p>
        )}
      </AdminOnly>
    </section>
  );
}
