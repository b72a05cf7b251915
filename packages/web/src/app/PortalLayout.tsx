import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { useTransparencyNav } from '../portal/transparency-nav.js';
import { setLanguage } from './i18n.js';
import { useCitizen, useCitizenSignOut } from './session.js';

/** Two buttons rather than a drop-down: one tap on a phone, and light enough for the first load. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <fieldset className="lang-switch">
      <legend className="sr-only">{t('language')}</legend>
      {(['vi', 'en'] as const).map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={i18n.language === l}
          onClick={() => setLanguage(l)}
        >
          {t(`languages.${l}`)}
        </button>
      ))}
    </fieldset>
  );
}

/**
 * The citizen portal's frame: made for a phone first (360 px), roomy on a desk. Plain elements, no
 * Ant Design: it is part of every portal page's first load.
 */
export function PortalLayout() {
  const { t } = useTranslation();
  const citizen = useCitizen();
  const signOut = useCitizenSignOut();
  const transparencyNav = useTransparencyNav();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="banner">
        <div className="banner-inner">
          <Link to="/" className="brand">
            {t('brand')}
            <span className="brand-sub">{t('tagline')}</span>
          </Link>
          <LanguageSwitch />
        </div>
        <nav aria-label={t('nav.portal')} className="portal-nav">
          <NavLink to="/" end>
            {t('nav.home')}
          </NavLink>
          <NavLink to="/tra-cuu">{t('nav.track')}</NavLink>
          <NavLink to="/minh-bach">{transparencyNav}</NavLink>
          <NavLink to="/phan-anh-kien-nghi">{t('nav.feedback')}</NavLink>
          {citizen.data ? (
            <>
              <NavLink to="/ca-nhan/ho-so">{t('nav.myDossiers')}</NavLink>
              <NavLink to="/ca-nhan/giay-to">{t('nav.myDocuments')}</NavLink>
              <button type="button" className="link-button" onClick={() => signOut.mutate()}>
                {t('nav.citizenSignOut')} ({citizen.data.citizen.fullName})
              </button>
            </>
          ) : (
            <NavLink to="/dang-nhap">{t('nav.citizenSignIn')}</NavLink>
          )}
        </nav>
      </header>
      <main id="main" className="portal-main">
        <Outlet />
      </main>
      <footer className="portal-footer">
        <Link to="/can-bo">{t('nav.officer')}</Link>
        <a href="/api/docs">{t('apiDocs')}</a>
      </footer>
    </>
  );
}
