import { Card, Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { PageTitle } from '../ui/Page.js';
import { AdminOnly } from './shared.js';
import './admin.css';

const SECTIONS = [
  { to: '/quan-tri/to-chuc', key: 'org' },
  { to: '/quan-tri/thu-tuc', key: 'catalogue' },
  { to: '/quan-tri/quy-trinh', key: 'workflows' },
  { to: '/quan-tri/ngay-nghi', key: 'holidays' },
  { to: '/quan-tri/cau-hinh', key: 'operations' },
] as const;

/** /quan-tri: where each part of the administration lives, in one sentence each. */
export function AdminHome() {
  const { t } = useTranslation();
  return (
    <section>
      <PageTitle text={t('admin.home.title')} />
      <AdminOnly>
        <p>{t('admin.home.intro')}</p>
        <Row gutter={[16, 16]}>
          {SECTIONS.map((s) => (
            <Col key={s.key} xs={24} md={12} xl={8}>
              <Card>
                <h2 className="admin-card-title">
                  <Link to={s.to}>{t(`admin.nav.${s.key}`)}</Link>
                </h2>
                <p>{t(`admin.home.${s.key}`)}</p>
              </Card>
            </Col>
          ))}
        </Row>
      </AdminOnly>
    </section>
  );
}

/** The admin area's own navigation between its sections (the officer menu has one entry for all). */
export function AdminNav() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('admin.nav.label')} className="admin-nav">
      <NavLink to="/quan-tri" end>
        {t('admin.nav.home')}
      </NavLink>
      {SECTIONS.map((s) => (
        <NavLink key={s.key} to={s.to}>
          {t(`admin.nav.${s.key}`)}
        </NavLink>
      ))}
    </nav>
  );
}
