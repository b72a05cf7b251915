/**
 * /ca-nhan/giay-to: the citizen's data store (GET /api/v1/citizen/documents): electronic results
 * returned online and papers kept from earlier dossiers, each with its issuer, source dossier and
 * validity, to view or download (…/content).
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../ui/ErrorState.js';
import { formatBytes, formatDate } from '../ui/format.js';
import { Loading, PageTitle } from '../ui/Page.js';
import { type MyDocument, useMyDocuments, useSignedOutOn401 } from './account-data.js';
import { RequireCitizen } from './account-guard.js';
import './pages.css';

const INLINE = new Set(['pdf', 'png', 'jpeg']);

export function MyDocuments() {
  return <RequireCitizen>{() => <DocumentStore />}</RequireCitizen>;
}

function DocumentStore() {
  const { t } = useTranslation();
  const q = useMyDocuments();
  useSignedOutOn401(q.error);
  const items = q.data?.items ?? [];
  const results = items.filter((d) => d.kind === 'result');
  const papers = items.filter((d) => d.kind === 'document');
  return (
    <section className="account">
      <PageTitle text={t('portal.account.documents.title')} />
      <p>{t('portal.account.documents.intro')}</p>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <>
          <Group id="h-results" title={t('portal.account.documents.results')} items={results}>
            {t('portal.account.documents.noResults')}
          </Group>
          <Group id="h-papers" title={t('portal.account.documents.papers')} items={papers}>
            {t('portal.account.documents.noPapers')}
          </Group>
        </>
      )}
    </section>
  );
}

function Group({
  id,
  title,
  items,
  children,
}: {
  id: string;
  title: string;
  items: readonly MyDocument[];
  children: string;
}) {
  return (
    <section aria-labelledby={id} className="doc-group">
      <h2 id={id}>{title}</h2>
      {items.length === 0 ? (
        <p className="card">{children}</p>
      ) : (
        <ul className="doc-list">
          {items.map((d) => (
            <li key={d.id}>
              <DocumentCard d={d} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DocumentCard({ d }: { d: MyDocument }) {
  const { t, i18n } = useTranslation();
  const content = `/api/v1/citizen/documents/${d.id}/content`;
  const k = 'portal.account.documents' as const;
  return (
    <article className="card" aria-labelledby={`doc-${d.id}`}>
      <h3 id={`doc-${d.id}`}>{d.name}</h3>
      <dl className="facts">
        <dt>{t(`${k}.issuer`)}</dt>
        <dd>{d.issuer.name ?? t(`${k}.unknownIssuer`)}</dd>
        {d.sourceDossier && (
          <>
            <dt>{t(`${k}.source`)}</dt>
            <dd>
              <Link to={`/ca-nhan/ho-so/${d.sourceDossier.id}`}>
                {d.sourceDossier.code ?? `#${d.sourceDossier.id}`}
              </Link>
            </dd>
          </>
        )}
        {d.resultCode && (
          <>
            <dt>{t(`${k}.resultCode`)}</dt>
            <dd>{d.resultCode}</dd>
          </>
        )}
        <dt>{t(`${k}.validity`)}</dt>
        <dd>
          <span className={`tag ${d.valid ? 'tag-ok' : 'tag-missing'}`}>
            {d.valid ? t(`${k}.valid`) : t(`${k}.invalid`)}
          </span>{' '}
          {d.validUntil
            ? t(`${k}.validFromUntil`, {
                from: formatDate(d.validFrom, i18n.language),
                until: formatDate(d.validUntil, i18n.language),
              })
            : t(`${k}.validFrom`, { from: formatDate(d.validFrom, i18n.language) })}
        </dd>
        <dt>{t(`${k}.file`)}</dt>
        <dd>
          {d.filename ?? d.fileKind.toUpperCase()}{' '}
          <span className="meta">
            ({d.fileKind.toUpperCase()}, {formatBytes(d.size, i18n.language)})
          </span>
        </dd>
      </dl>
      <p className="account-actions">
        <a href={`${content}?disposition=attachment`} aria-label={t(`${k}.downloadNamed`, { name: d.name })}>
          {t(`${k}.download`)}
        </a>
        {INLINE.has(d.fileKind) && (
          <a
            href={`${content}?disposition=inline`}
            target="_blank"
            rel="noopener"
            aria-label={t(`${k}.viewNamed`, { name: d.name })}
          >
            {t(`${k}.view`)}
          </a>
        )}
      </p>
    </article>
  );
}
