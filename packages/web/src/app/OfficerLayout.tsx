import { ROLE_LABELS, type Role } from '@motcua/core';
import { Button, Layout, Menu, type MenuProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { AntdScope } from '../ui/AntdScope.js';
import { ErrorState } from '../ui/ErrorState.js';
import { Loading } from '../ui/Page.js';
import { LanguageSwitch } from './PortalLayout.js';
import { rolesOf, useOfficer, useOfficerSignOut } from './session.js';
import { officerTheme } from './theme.js';
import './officer-messages.js';

const DESK_ROLES: Role[] = ['receiving_officer'];
const WORK_ROLES: Role[] = [
  'receiving_officer',
  'specialist',
  'department_head',
  'agency_leader',
  'clerk',
  'inspector',
];
/** Who reads the agency's PAKN (feedback/service.ts READER_ROLES); the actions are offered by role. */
const FEEDBACK_ROLES: Role[] = [
  'receiving_officer',
  'specialist',
  'department_head',
  'agency_leader',
  'admin',
  'inspector',
];
/** Who follows the indicators and reports (the API checks each agency's reach). */
const MONITOR_ROLES: Role[] = ['agency_leader', 'inspector', 'admin'];

/**
 * The officers' frame: a menu of what the officer's roles can do, dense content, and the officer's
 * name and positions always visible. Without a session it sends to the sign-in, then back here.
 */
export function OfficerLayout() {
  const { t, i18n } = useTranslation();
  const me = useOfficer();
  const signOut = useOfficerSignOut();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);

  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  if (!me.data)
    return (
      <Navigate
        to={`/can-bo/dang-nhap?next=${encodeURIComponent(location.pathname + location.search)}`}
        replace
      />
    );

  const roles = rolesOf(me.data);
  const has = (list: Role[]) => list.some((r) => roles.has(r));
  const items: MenuProps['items'] = [];
  if (has(DESK_ROLES))
    items.push({
      key: 'desk',
      label: t('nav.desk'),
      type: 'group',
      children: [
        { key: '/mot-cua/tiep-nhan', label: <Link to="/mot-cua/tiep-nhan">{t('nav.reception')}</Link> },
        { key: '/mot-cua/truc-tuyen', label: <Link to="/mot-cua/truc-tuyen">{t('nav.onlineQueue')}</Link> },
        { key: '/mot-cua/tra-ket-qua', label: <Link to="/mot-cua/tra-ket-qua">{t('nav.returnDesk')}</Link> },
      ],
    });
  if (has(WORK_ROLES)) items.push({ key: '/xu-ly', label: <Link to="/xu-ly">{t('nav.workspace')}</Link> });
  if (has(FEEDBACK_ROLES))
    items.push({
      key: '/xu-ly/phan-anh',
      label: <Link to="/xu-ly/phan-anh">{t('nav.feedback')}</Link>,
    });
  if (has(MONITOR_ROLES))
    items.push({ key: '/theo-doi', label: <Link to="/theo-doi">{t('nav.monitoring')}</Link> });
  if (roles.has('admin'))
    items.push({ key: '/quan-tri', label: <Link to="/quan-tri">{t('nav.admin')}</Link> });
  const inArea = location.pathname.split('/').slice(0, 3).join('/');
  // a screen with its own menu item (/xu-ly/phan-anh) does not light its area's item too
  const own = items.some((i) => i?.key === inArea);
  const selected = own ? [inArea] : [inArea, '/' + location.pathname.split('/')[1]];
  const en = i18n.language.startsWith('en');

  return (
    <AntdScope theme={officerTheme}>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <Layout className="officer-shell">
        <Layout.Header className="officer-header">
          <span className="brand">{t('brand')}</span>
          <span className="officer-tenant">{me.data.tenant.name}</span>
          <span className="officer-who">
            {me.data.staff.fullName}
            <span className="officer-positions">
              {me.data.positions
                .map((p) => `${ROLE_LABELS[p.role as Role]?.[en ? 'en' : 'vi'] ?? p.role} · ${p.agency.name}`)
                .join('; ')}
            </span>
          </span>
          <LanguageSwitch />
          <Button
            onClick={() => signOut.mutate(undefined, { onSettled: () => navigate('/can-bo/dang-nhap') })}
          >
            {t('nav.officerSignOut')}
          </Button>
        </Layout.Header>
        <Layout>
          <Layout.Sider
            theme="light"
            width={240}
            breakpoint="lg"
            collapsedWidth={0}
            collapsed={collapsed}
            onCollapse={setCollapsed}
            className="officer-sider"
          >
            <nav aria-label={t('nav.menu')}>
              <Menu mode="inline" items={items} selectedKeys={selected} />
            </nav>
          </Layout.Sider>
          <Layout.Content id="main" className="officer-main" tabIndex={-1}>
            <Outlet />
          </Layout.Content>
        </Layout>
      </Layout>
    </AntdScope>
  );
}
