import {
  AGENCY_KINDS,
  AGENCY_LEVELS,
  type AgencyKind,
  type AgencyLevel,
  ROLE_LABELS,
  ROLES,
  type Role,
  SCOPES,
  type Scope,
} from '@motcua/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tree,
  type TreeDataNode,
} from 'antd';
import { type Key, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, client } from '../app/api.js';
import { ErrorState } from '../ui/ErrorState.js';
import { formatDateTime, formatNumber } from '../ui/format.js';
import { Loading, PageTitle } from '../ui/Page.js';
import { useDebounced } from '../ui/useDebounced.js';
import { AdminNav } from './AdminHome.js';
import {
  type AgencyItem,
  agenciesKey,
  agencyKey,
  agencyOptions,
  useAgency,
  useAllAgencies,
} from './queries.js';
import { AdminOnly, Refusal, showFieldErrors } from './shared.js';

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();

type Department = { id: number; agency_id: number; code: string; name: string };

/** /quan-tri/to-chuc: units → agencies → departments, an agency's staff with their positions. */
export function Organisation() {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  return (
    <section>
      <AdminNav />
      <PageTitle text={t('admin.org.title')} />
      <AdminOnly>
        <div className="admin-toolbar">
          <Button type="primary" onClick={() => setAdding(true)}>
            {t('admin.org.addAgency')}
          </Button>
        </div>
        <div className="admin-split">
          <div className="admin-panel">
            <h2 className="admin-h2">{t('admin.org.tree')}</h2>
            <OrgTree selected={selected} onSelect={setSelected} />
          </div>
          <div className="admin-panel">
            {selected ? (
              <AgencyPanel id={selected} />
            ) : (
              <>
                <h2 className="admin-h2">{t('admin.org.allStaff')}</h2>
                <p className="admin-muted">{t('admin.org.pickAgency')}</p>
                <StaffList agencyId={null} />
              </>
            )}
          </div>
        </div>
        {adding && (
          <AgencyCreateModal
            onClose={(id) => {
              setAdding(false);
              if (id) setSelected(id);
            }}
          />
        )}
      </AdminOnly>
    </section>
  );
}

function OrgTree({ selected, onSelect }: { selected: number | null; onSelect: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const agencies = useAllAgencies();
  const qc = useQueryClient();
  const [filter, setFilter] = useState('');
  const [departments, setDepartments] = useState<Record<number, Department[]>>({});
  const [expanded, setExpanded] = useState<Key[] | null>(null);

  const { nodes, firstUnit } = useMemo(() => {
    const list = agencies.data ?? [];
    const f = fold(filter.trim());
    const shown = f ? list.filter((a) => fold(`${a.name} ${a.identifier} ${a.unit_name}`).includes(f)) : list;
    const units = new Map<number, { name: string; code: string; level: number; agencies: AgencyItem[] }>();
    for (const a of shown) {
      const u = units.get(a.unit_id) ?? {
        name: a.unit_name,
        code: a.unit_code,
        level: AGENCY_LEVELS.indexOf(a.level as AgencyLevel),
        agencies: [],
      };
      u.level = Math.min(u.level, AGENCY_LEVELS.indexOf(a.level as AgencyLevel));
      u.agencies.push(a);
      units.set(a.unit_id, u);
    }
    const sorted = [...units.entries()].sort(
      ([, a], [, b]) => a.level - b.level || a.name.localeCompare(b.name, 'vi'),
    );
    const nodes: TreeDataNode[] = sorted.map(([id, u]) => ({
      key: `u:${id}`,
      title: `${u.name} (${u.agencies.length})`,
      selectable: false,
      children: u.agencies.map((a) => ({
        key: `a:${a.id}`,
        title: `${a.name} · ${a.identifier}`,
        isLeaf: false,
        children: departments[a.id]?.map((d) => ({
          key: `d:${d.id}`,
          title: `${d.name} (${d.code})`,
          isLeaf: true,
          selectable: false,
        })),
      })),
    }));
    return { nodes, firstUnit: sorted[0] ? `u:${sorted[0][0]}` : null };
  }, [agencies.data, filter, departments]);

  if (agencies.isPending) return <Loading />;
  if (agencies.isError) return <ErrorState error={agencies.error} onRetry={() => agencies.refetch()} />;
  return (
    <>
      <Input.Search
        aria-label={t('admin.org.filter')}
        placeholder={t('admin.org.filter')}
        allowClear
        onChange={(e) => setFilter(e.target.value)}
        style={{ marginBottom: 8 }}
      />
      <p className="admin-muted">
        {t('admin.org.count', { n: formatNumber(agencies.data.length, i18n.language) })}
      </p>
      {nodes.length === 0 ? (
        <Empty description={t('admin.common.nothingFound')} />
      ) : (
        <div className="admin-tree-box">
          <Tree
            treeData={nodes}
            aria-label={t('admin.org.tree')}
            expandedKeys={expanded ?? (firstUnit ? [firstUnit] : [])}
            onExpand={(keys) => setExpanded(keys)}
            selectedKeys={selected ? [`a:${selected}`] : []}
            onSelect={(keys) => {
              const k = String(keys[0] ?? '');
              if (k.startsWith('a:')) onSelect(Number(k.slice(2)));
            }}
            loadData={async (node) => {
              const k = String(node.key);
              if (!k.startsWith('a:')) return;
              const id = Number(k.slice(2));
              const agency = await qc.fetchQuery({
                queryKey: agencyKey(id),
                queryFn: () => call(client.GET('/api/v1/agencies/{id}', { params: { path: { id } } })),
              });
              setDepartments((d) => ({ ...d, [id]: agency.departments }));
            }}
          />
        </div>
      )}
    </>
  );
}

function AgencyPanel({ id }: { id: number }) {
  const { t } = useTranslation();
  const agency = useAgency(id);
  const agencies = useAllAgencies();
  const [editing, setEditing] = useState(false);
  if (agency.isPending) return <Loading />;
  if (agency.isError) return <ErrorState error={agency.error} onRetry={() => agency.refetch()} />;
  const a = agency.data;
  const item = agencies.data?.find((x) => x.id === id);
  const parent = a.parent_id ? agencies.data?.find((x) => x.id === a.parent_id) : null;
  return (
    <>
      <h2 className="admin-h2">{a.name}</h2>
      <Descriptions
        size="small"
        column={2}
        bordered
        items={[
          { key: 'identifier', label: t('admin.org.identifier'), children: a.identifier },
          { key: 'short', label: t('admin.org.shortName'), children: a.short_name ?? '—' },
          { key: 'kind', label: t('admin.org.kind'), children: kindLabel(a.kind, t) },
          { key: 'level', label: t('admin.org.level'), children: levelLabel(a.level, t) },
          { key: 'unit', label: t('admin.org.unit'), children: item?.unit_name ?? '—' },
          { key: 'parent', label: t('admin.org.parent'), children: parent?.name ?? '—' },
        ]}
      />
      {a.is_demo && <p className="admin-muted">{t('admin.org.demo')}</p>}
      <div className="admin-toolbar" style={{ marginTop: 8 }}>
        <Button onClick={() => setEditing(true)}>{t('admin.org.editAgency')}</Button>
      </div>
      {editing && <AgencyEditModal agency={a} onClose={() => setEditing(false)} />}

      <h3 className="admin-h3">{t('admin.org.departments')}</h3>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={a.departments}
        locale={{ emptyText: <span className="admin-empty">{t('admin.org.noDepartments')}</span> }}
        columns={[
          { title: t('admin.org.depCode'), dataIndex: 'code', width: 120 },
          { title: t('admin.org.depName'), dataIndex: 'name' },
        ]}
      />
      <DepartmentForm agencyId={id} />

      <h3 className="admin-h3">{t('admin.org.staff')}</h3>
      <StaffList agencyId={id} departments={a.departments} />
    </>
  );
}

type T = (k: `admin.org.kinds.${AgencyKind}` | `admin.org.levels.${AgencyLevel}`) => string;
const kindLabel = (k: string, t: T) =>
  (AGENCY_KINDS as readonly string[]).includes(k) ? t(`admin.org.kinds.${k as AgencyKind}`) : k;
const levelLabel = (k: string, t: T) =>
  (AGENCY_LEVELS as readonly string[]).includes(k) ? t(`admin.org.levels.${k as AgencyLevel}`) : k;

function DepartmentForm({ agencyId }: { agencyId: number }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ code: string; name: string }>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const add = useMutation({
    mutationFn: (body: { code: string; name: string }) =>
      call(client.POST('/api/v1/agencies/{id}/departments', { params: { path: { id: agencyId } }, body })),
    onSuccess: async (d) => {
      form.resetFields();
      await qc.invalidateQueries({ queryKey: agencyKey(agencyId) });
      void message.success(t('admin.org.departmentAdded', { name: d.name }));
    },
    onError: (e) => showFieldErrors(form, e, t, i18n.language),
  });
  return (
    <Form
      name="department"
      form={form}
      layout="inline"
      onFinish={(v) => add.mutate(v)}
      style={{ marginTop: 8, rowGap: 8 }}
      aria-label={t('admin.org.addDepartment')}
    >
      <Form.Item
        name="code"
        label={t('admin.org.depCode')}
        rules={[
          { required: true, message: t('admin.common.required') },
          { pattern: /^[A-Za-z0-9_.-]{1,40}$/, message: t('admin.org.depCodeRule') },
        ]}
      >
        <Input style={{ width: 120 }} />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('admin.org.depName')}
        rules={[{ required: true, min: 2, message: t('admin.common.required') }]}
      >
        <Input style={{ width: 260 }} />
      </Form.Item>
      <Form.Item>
        <Button htmlType="submit" loading={add.isPending}>
          {t('admin.org.addDepartment')}
        </Button>
      </Form.Item>
      {add.isError && (
        <div style={{ flexBasis: '100%' }}>
          <Refusal error={add.error} />
        </div>
      )}
    </Form>
  );
}

function StaffList({ agencyId, departments }: { agencyId: number | null; departments?: Department[] }) {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const query = useDebounced(q.trim(), 300);
  const staff = useQuery({
    queryKey: ['admin', 'staff', agencyId, query, page],
    queryFn: () =>
      call(
        client.GET('/api/v1/staff', {
          params: {
            query: {
              limit: 20,
              offset: (page - 1) * 20,
              ...(query ? { q: query } : {}),
              ...(agencyId ? { agencyId } : {}),
            },
          },
        }),
      ),
    placeholderData: (prev) => prev,
  });
  const en = i18n.language.startsWith('en');
  return (
    <>
      <div className="admin-toolbar">
        <Input.Search
          aria-label={t('admin.org.staffSearch')}
          placeholder={t('admin.org.staffSearch')}
          allowClear
          style={{ width: 280 }}
          onChange={(e) => {
            setQ(e.target.value);
            setPage(1);
          }}
        />
        <Button type="primary" onClick={() => setAdding(true)}>
          {t('admin.org.addStaff')}
        </Button>
      </div>
      {staff.isError ? (
        <ErrorState error={staff.error} onRetry={() => staff.refetch()} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          loading={staff.isPending}
          dataSource={staff.data?.items ?? []}
          locale={{ emptyText: <span className="admin-empty">{t('admin.org.noStaff')}</span> }}
          pagination={{
            current: page,
            pageSize: 20,
            total: staff.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
          }}
          columns={[
            { title: t('admin.org.username'), dataIndex: 'username', width: 170 },
            { title: t('admin.org.fullName'), dataIndex: 'full_name', width: 200 },
            {
              title: t('admin.org.positions'),
              key: 'positions',
              render: (_: unknown, s) => (
                <ul className="admin-issue-list" style={{ margin: 0 }}>
                  {s.positions.map((p) => (
                    <li key={p.id}>
                      <strong>{ROLE_LABELS[p.role as Role]?.[en ? 'en' : 'vi'] ?? p.role}</strong>
                      {' · '}
                      {p.agency_name}
                      {p.department_name ? ` · ${p.department_name}` : ''}
                      {p.title ? ` · ${p.title}` : ''}
                      <span className="admin-muted">
                        {' '}
                        ({t(`admin.org.scopes.${p.scope as Scope}`, { defaultValue: p.scope })})
                      </span>
                    </li>
                  ))}
                </ul>
              ),
            },
            {
              title: t('admin.org.lastLogin'),
              dataIndex: 'last_login_at',
              width: 140,
              render: (v: string | null) => (v ? formatDateTime(v, i18n.language) : '—'),
            },
            {
              title: t('admin.org.active'),
              dataIndex: 'active',
              width: 90,
              render: (v: boolean) => (v ? t('admin.common.yes') : t('admin.common.no')),
            },
          ]}
        />
      )}
      {adding && (
        <StaffDrawer agencyId={agencyId} departments={departments} onClose={() => setAdding(false)} />
      )}
    </>
  );
}

interface PositionValues {
  agencyId: number;
  departmentId?: number | null;
  role: Role;
  scope: Scope;
  title?: string;
}
interface StaffValues {
  username: string;
  fullName: string;
  email?: string;
  phone?: string;
  password: string;
  positions: PositionValues[];
}

function StaffDrawer({
  agencyId,
  onClose,
}: {
  agencyId: number | null;
  departments?: Department[];
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<StaffValues>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const agencies = useAllAgencies();
  const en = i18n.language.startsWith('en');
  const create = useMutation({
    mutationFn: (v: StaffValues) =>
      call(
        client.POST('/api/v1/staff', {
          body: {
            username: v.username.trim(),
            fullName: v.fullName.trim(),
            email: v.email?.trim() || null,
            phone: v.phone?.trim() || null,
            password: v.password,
            positions: v.positions.map((p) => ({
              agencyId: p.agencyId,
              departmentId: p.departmentId ?? null,
              role: p.role,
              scope: p.scope,
              title: p.title?.trim() || null,
            })),
          },
        }),
      ),
    onSuccess: async (s) => {
      await qc.invalidateQueries({ queryKey: ['admin', 'staff'] });
      void message.success(t('admin.org.staffAdded', { username: s.username }));
      onClose();
    },
    onError: (e) => showFieldErrors(form, e, t, i18n.language),
  });
  return (
    <Drawer
      open
      size={640}
      title={t('admin.org.addStaff')}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>
            {t('admin.org.createStaff')}
          </Button>
          <Button onClick={onClose}>{t('cancel')}</Button>
        </Space>
      }
    >
      <Form
        name="staff"
        form={form}
        layout="vertical"
        onFinish={(v) => create.mutate(v)}
        initialValues={{
          positions: [{ agencyId: agencyId ?? undefined, role: 'specialist', scope: 'department' }],
        }}
      >
        <Form.Item
          name="username"
          label={t('admin.org.username')}
          extra={t('admin.org.usernameHelp')}
          rules={[
            { required: true, message: t('admin.common.required') },
            { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/, message: t('admin.org.usernameRule') },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="fullName"
          label={t('admin.org.fullName')}
          rules={[{ required: true, min: 2, message: t('admin.common.required') }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Space.Compact block>
          <Form.Item
            name="email"
            label={t('admin.org.email')}
            rules={[{ type: 'email', message: t('admin.common.rules.format') }]}
            style={{ flex: 1, marginRight: 8 }}
          >
            <Input type="email" autoComplete="off" />
          </Form.Item>
          <Form.Item name="phone" label={t('admin.org.phone')} style={{ flex: 1 }}>
            <Input type="tel" autoComplete="off" />
          </Form.Item>
        </Space.Compact>
        <Form.Item
          name="password"
          label={t('admin.org.password')}
          extra={t('admin.org.passwordHelp')}
          rules={[{ required: true, message: t('admin.common.required') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <h3 className="admin-h3">{t('admin.org.positions')}</h3>
        <Form.List name="positions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <fieldset key={f.key} className="admin-step">
                  <legend>{t('admin.org.positionN', { n: i + 1 })}</legend>
                  <Form.Item
                    name={[f.name, 'agencyId']}
                    label={t('admin.org.agency')}
                    rules={[{ required: true, message: t('admin.common.required') }]}
                  >
                    <Select
                      showSearch={{ optionFilterProp: 'label' }}
                      options={agencyOptions(agencies.data)}
                      loading={agencies.isPending}
                      onChange={() => form.setFieldValue(['positions', f.name, 'departmentId'], null)}
                    />
                  </Form.Item>
                  <Form.Item noStyle dependencies={[['positions', f.name, 'agencyId']]}>
                    {() => (
                      <DepartmentSelect
                        name={[f.name, 'departmentId']}
                        agencyId={form.getFieldValue(['positions', f.name, 'agencyId'])}
                      />
                    )}
                  </Form.Item>
                  <Space.Compact block>
                    <Form.Item
                      name={[f.name, 'role']}
                      label={t('admin.org.role')}
                      rules={[{ required: true, message: t('admin.common.required') }]}
                      style={{ flex: 1, marginRight: 8 }}
                    >
                      <Select
                        options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][en ? 'en' : 'vi'] }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'scope']}
                      label={t('admin.org.scope')}
                      rules={[{ required: true, message: t('admin.common.required') }]}
                      style={{ flex: 1 }}
                    >
                      <Select
                        options={SCOPES.map((s) => ({ value: s, label: t(`admin.org.scopes.${s}`) }))}
                      />
                    </Form.Item>
                  </Space.Compact>
                  <Form.Item name={[f.name, 'title']} label={t('admin.org.jobTitle')}>
                    <Input />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button onClick={() => remove(f.name)}>
                      {t('admin.org.removePosition', { n: i + 1 })}
                    </Button>
                  )}
                </fieldset>
              ))}
              <Button onClick={() => add({ agencyId: agencyId ?? undefined, scope: 'agency' })}>
                {t('admin.org.addPosition')}
              </Button>
            </>
          )}
        </Form.List>
        <div style={{ marginTop: 12 }}>
          <Refusal error={create.error} />
        </div>
      </Form>
    </Drawer>
  );
}

function DepartmentSelect({ name, agencyId }: { name: (string | number)[]; agencyId: number | undefined }) {
  const { t } = useTranslation();
  const agency = useAgency(agencyId);
  return (
    <Form.Item name={name} label={t('admin.org.department')} extra={t('admin.org.departmentHelp')}>
      <Select
        allowClear
        loading={agency.isFetching}
        options={(agency.data?.departments ?? []).map((d) => ({
          value: d.id,
          label: `${d.name} (${d.code})`,
        }))}
      />
    </Form.Item>
  );
}

interface AgencyValues {
  identifier: string;
  name: string;
  shortName?: string;
  kind: AgencyKind;
  level: AgencyLevel;
  adminUnitId: number;
  parentId?: number | null;
}

function AgencyCreateModal({ onClose }: { onClose: (createdId?: number) => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<AgencyValues>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const agencies = useAllAgencies();
  const [unitQ, setUnitQ] = useState('');
  const unitQuery = useDebounced(unitQ.trim(), 300);
  const units = useQuery({
    queryKey: ['admin', 'units', unitQuery],
    queryFn: () =>
      call(
        client.GET('/api/v1/admin-units', {
          params: {
            query: { limit: 50, offset: 0, ...(unitQuery ? { q: unitQuery } : { level: 'province' }) },
          },
        }),
      ),
    placeholderData: (prev) => prev,
  });
  const create = useMutation({
    mutationFn: (v: AgencyValues) =>
      call(
        client.POST('/api/v1/agencies', {
          body: {
            identifier: v.identifier.trim(),
            name: v.name.trim(),
            shortName: v.shortName?.trim() || null,
            kind: v.kind,
            level: v.level,
            adminUnitId: v.adminUnitId,
            parentId: v.parentId ?? null,
          },
        }),
      ),
    onSuccess: async (a) => {
      await qc.invalidateQueries({ queryKey: agenciesKey });
      void message.success(t('admin.org.agencyAdded', { name: a.name }));
      onClose(a.id);
    },
    onError: (e) => showFieldErrors(form, e, t, i18n.language),
  });
  return (
    <Modal
      open
      width={640}
      title={t('admin.org.addAgency')}
      okText={t('admin.org.createAgency')}
      cancelText={t('cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={() => onClose()}
      destroyOnHidden
    >
      <Form
        name="agency-create"
        form={form}
        layout="vertical"
        onFinish={(v) => create.mutate(v)}
        initialValues={{ kind: 'other' }}
      >
        <Form.Item
          name="identifier"
          label={t('admin.org.identifier')}
          extra={t('admin.org.identifierHelp')}
          rules={[{ required: true, message: t('admin.common.required') }]}
        >
          <Input placeholder="000.00.20.H26" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('admin.org.name')}
          rules={[{ required: true, min: 2, message: t('admin.common.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="shortName" label={t('admin.org.shortName')}>
          <Input />
        </Form.Item>
        <Space.Compact block>
          <Form.Item
            name="kind"
            label={t('admin.org.kind')}
            rules={[{ required: true, message: t('admin.common.required') }]}
            style={{ flex: 1, marginRight: 8 }}
          >
            <Select options={AGENCY_KINDS.map((k) => ({ value: k, label: t(`admin.org.kinds.${k}`) }))} />
          </Form.Item>
          <Form.Item
            name="level"
            label={t('admin.org.level')}
            rules={[{ required: true, message: t('admin.common.required') }]}
            style={{ flex: 1 }}
          >
            <Select options={AGENCY_LEVELS.map((k) => ({ value: k, label: t(`admin.org.levels.${k}`) }))} />
          </Form.Item>
        </Space.Compact>
        <Form.Item
          name="adminUnitId"
          label={t('admin.org.unit')}
          extra={t('admin.org.unitHelp')}
          rules={[{ required: true, message: t('admin.common.required') }]}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: setUnitQ }}
            loading={units.isFetching}
            options={(units.data?.items ?? []).map((u) => ({
              value: u.id,
              label: `${u.full_name} (${u.code})`,
            }))}
          />
        </Form.Item>
        <Form.Item name="parentId" label={t('admin.org.parent')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={agencyOptions(agencies.data)}
          />
        </Form.Item>
        <Refusal error={create.error} />
      </Form>
    </Modal>
  );
}

function AgencyEditModal({
  agency,
  onClose,
}: {
  agency: { id: number; name: string; short_name: string | null; kind: string; parent_id: number | null };
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{
    name: string;
    shortName?: string;
    kind: AgencyKind;
    parentId?: number | null;
  }>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const agencies = useAllAgencies();
  const save = useMutation({
    mutationFn: (v: { name: string; shortName?: string; kind: AgencyKind; parentId?: number | null }) =>
      call(
        client.PATCH('/api/v1/agencies/{id}', {
          params: { path: { id: agency.id } },
          body: {
            name: v.name.trim(),
            shortName: v.shortName?.trim() || null,
            kind: v.kind,
            parentId: v.parentId ?? null,
          },
        }),
      ),
    onSuccess: async () => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: agenciesKey }),
        qc.invalidateQueries({ queryKey: agencyKey(agency.id) }),
      ]);
      void message.success(t('admin.org.agencySaved'));
      onClose();
    },
    onError: (e) => showFieldErrors(form, e, t, i18n.language),
  });
  return (
    <Modal
      open
      width={600}
      title={t('admin.org.editAgency')}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        name="agency-edit"
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          name: agency.name,
          shortName: agency.short_name ?? '',
          kind: agency.kind,
          parentId: agency.parent_id,
        }}
      >
        <Form.Item
          name="name"
          label={t('admin.org.name')}
          rules={[{ required: true, min: 2, message: t('admin.common.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="shortName" label={t('admin.org.shortName')}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t('admin.org.kind')}>
          <Select options={AGENCY_KINDS.map((k) => ({ value: k, label: t(`admin.org.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="parentId" label={t('admin.org.parent')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={agencyOptions(agencies.data).filter((o) => o.value !== agency.id)}
          />
        </Form.Item>
        <Refusal error={save.error} />
      </Form>
    </Modal>
  );
}
