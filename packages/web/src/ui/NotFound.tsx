import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from './Page.js';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <section>
      <PageTitle text={t('notFoundPage.title')} />
      <p>
        <Link to="/">{t('notFoundPage.home')}</Link>
      </p>
    </section>
  );
}
