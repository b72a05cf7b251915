import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call, client } from '../app/api.js';
import { ErrorText } from '../ui/ErrorText.js';
import { formatNumber } from '../ui/format.js';
import { PageTitle } from '../ui/Page.js';
import { useDebounced } from '../ui/useDebounced.js';

/** The portal's home: one search box over the whole catalogue, answering as the citizen types. */
export function Home() {
  const { t, i18n } = useTranslation();
  const inputId = useId();
  const [q, setQ] = useState('');
  // one request per pause in typing, not per key; the previous answer stays until the next arrives
  const query = useDebounced(q.trim(), 150);
  const result = useQuery({
    queryKey: ['public', 'procedures', query],
    queryFn: () =>
      call(client.GET('/api/v1/procedures', { params: { query: { q: query || undefined, limit: 10 } } })),
    placeholderData: (prev) => prev,
  });

  return (
    <>
      <PageTitle text={t('portal.home.title')} />
      <section aria-labelledby="search-title" className="card">
        <h2 id="search-title">{t('portal.home.searchTitle')}</h2>
        <label htmlFor={inputId}>{t('portal.home.searchLabel')}</label>
        <input
          id={inputId}
          className="search-input"
          type="search"
          value={q}
          placeholder={t('portal.home.searchPlaceholder')}
          onChange={(e) => setQ(e.target.value)}
        />
        {result.isError && <ErrorText error={result.error} onRetry={() => result.refetch()} />}
        {/* present from the start: screen readers announce changes of a live region, not its arrival */}
        <p aria-live="polite">
          {result.data &&
            t('portal.home.found', {
              count: result.data.total,
              n: formatNumber(result.data.total, i18n.language),
            })}
        </p>
        {result.data && (
          <ul className="results" aria-busy={result.isFetching}>
            {result.data.items.map((p) => (
              <li key={p.id}>
                <Link to={`/thu-tuc/${p.code}`}>
                  <span className="code">{p.code}</span> {p.name}
                </Link>
                <div className="meta">
                  {p.field_name ?? t('portal.home.noField')} · {p.levels.join(', ')}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="feedback-title" className="card">
        <h2 id="feedback-title">{t('portal.home.feedbackTitle')}</h2>
        <p>{t('portal.home.feedbackText')}</p>
        <ul className="home-links">
          <li>
            <Link to="/gui-phan-anh">{t('portal.home.feedbackSend')}</Link>
          </li>
          <li>
            <Link to="/phan-anh/theo-doi">{t('portal.home.feedbackFollow')}</Link>
          </li>
          <li>
            <Link to="/phan-anh-kien-nghi">{t('portal.home.feedbackAnswers')}</Link>
          </li>
        </ul>
      </section>
    </>
  );
}
