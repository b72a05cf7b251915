/**
 * /thu-tuc/:code: what a citizen needs before going: the papers to bring (by case), the fees and
 * time limits for each way of submitting, where to submit in this province, the result and the
 * legal basis, and the way to submit online when the procedure allows it.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, call, client } from '../app/api.js';
import { ErrorState } from '../ui/ErrorState.js';
import { formatMoney } from '../ui/format.js';
import { Loading, PageTitle } from '../ui/Page.js';
import './pages.css';
import { usePortalTenant } from './tenant.js';

type Detail = Awaited<ReturnType<typeof fetchProcedure>>;
type Channel = Detail['content']['channels'][number];

const fetchProcedure = (code: string, tenant: string | undefined) =>
  call(
    client.GET('/api/v1/procedures/{code}', {
      params: { path: { code }, query: tenant ? { tenant } : {} },
    }),
  );

function Fees({ channel }: { channel: Channel }) {
  const { t, i18n } = useTranslation();
  const items = channel.fees?.items ?? [];
  if (!items.length) return <span>{channel.rawText || t('portal.procedure.noFee')}</span>;
  return (
    <ul className="plain">
      {items.map((f) => (
        <li key={f.label}>
          {f.label}:{' '}
          {f.free
            ? t('portal.procedure.free')
            : f.amountVnd != null
              ? formatMoney(f.amountVnd, i18n.language)
              : f.text}
        </li>
      ))}
    </ul>
  );
}

export function ProcedureDetail() {
  const { t } = useTranslation();
  const code = useParams().code ?? '';
  const { current } = usePortalTenant();
  const q = useQuery({
    queryKey: ['public', 'procedure', code, current?.code],
    queryFn: () => fetchProcedure(code, current?.code),
    enabled: !!current,
    staleTime: 10 * 60_000,
  });
  if (q.error instanceof ApiError && q.error.status === 404)
    return (
      <section>
        <PageTitle text={t('portal.procedure.notFoundTitle')} />
        <p>{t('portal.procedure.notFound', { code })}</p>
        <Link to="/">{t('portal.procedure.backToSearch')}</Link>
      </section>
    );
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <Loading />;
  const p = q.data;
  const c = p.content;
  const impls = p.implementations ?? [];
  const online = c.channels.some((x) => x.channel === 'online') && impls.length > 0;
  return (
    <article className="procedure">
      <p className="crumbs">
        <Link to="/">{t('portal.procedure.backToSearch')}</Link>
      </p>
      <PageTitle text={c.name} />
      <p className="meta">
        {t('portal.procedure.code')}: {p.code}
        {c.fieldName ? ` · ${c.fieldName}` : ''}
        {c.levels?.length ? ` · ${c.levels.join(', ')}` : ''}
      </p>
      {online && (
        <p>
          <Link className="button-link" to={`/nop-ho-so/${p.code}`}>
            {t('portal.procedure.submitOnline')}
          </Link>
        </p>
      )}

      <section aria-labelledby="h-ways">
        <h2 id="h-ways">{t('portal.procedure.ways')}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('portal.procedure.channel')}</th>
                <th scope="col">{t('portal.procedure.timeLimit')}</th>
                <th scope="col">{t('portal.procedure.fees')}</th>
              </tr>
            </thead>
            <tbody>
              {c.channels.map((ch) => (
                <tr key={ch.channel}>
                  <th scope="row">
                    {t(`portal.procedure.channels.${ch.channel as 'direct' | 'online' | 'postal'}`)}
                  </th>
                  <td>{ch.timeLimit?.raw ?? '—'}</td>
                  <td>
                    <Fees channel={ch} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="h-docs">
        <h2 id="h-docs">{t('portal.procedure.documents')}</h2>
        {p.documentCases.map((g) => (
          <div key={g.name}>
            {p.documentCases.length > 1 && <h3>{g.name}</h3>}
            <ol>
              {g.documents.map((d) => (
                <li key={d.code ?? d.name}>
                  {d.name}{' '}
                  <span className="meta">
                    ({d.quantityRaw || t('portal.procedure.copies', { n: d.originals })}
                    {d.required ? '' : `, ${t('portal.procedure.optional')}`})
                  </span>
                  {d.templateFile && (
                    <>
                      {' '}
                      <a href={d.templateFile}>{t('portal.procedure.template')}</a>
                    </>
                  )}
                </li>
              ))}
            </ol>
          </div>
        ))}
      </section>

      <section aria-labelledby="h-where">
        <h2 id="h-where">{t('portal.procedure.where')}</h2>
        {impls.length > 8 ? (
          // a commune-level procedure is done by every commune: the list is there, folded
          <details>
            <summary>{t('portal.procedure.whereMany', { n: impls.length })}</summary>
            <ul>
              {impls.map((i) => (
                <li key={i.agency}>{i.agencyName}</li>
              ))}
            </ul>
          </details>
        ) : impls.length ? (
          <ul>
            {impls.map((i) => (
              <li key={i.agency}>{i.agencyName}</li>
            ))}
          </ul>
        ) : (
          <p>{c.implementingAgency ?? c.competentAgency ?? t('portal.procedure.whereUnknown')}</p>
        )}
        <p className="meta">{t('portal.procedure.anyCounter')}</p>
      </section>

      {c.results?.length ? (
        <section aria-labelledby="h-result">
          <h2 id="h-result">{t('portal.procedure.result')}</h2>
          <ul>
            {c.results.map((r) => (
              <li key={r.code ?? r.name}>{r.name}</li>
            ))}
          </ul>
        </section>
      ) : null}

      {c.legalBasis?.length ? (
        <section aria-labelledby="h-legal">
          <h2 id="h-legal">{t('portal.procedure.legalBasis')}</h2>
          <ul>
            {c.legalBasis.map((l) => (
              <li key={l.number}>
                {l.number} — {l.title}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <p>
        <Link to={`/gui-phan-anh?thu-tuc=${encodeURIComponent(code)}`}>{t('portal.procedure.feedback')}</Link>
      </p>
    </article>
  );
}
