/**
 * /minh-bach: the public transparency page, for anyone without signing in. Per agency of the
 * deployment, for a month: the on-time rate (766 indicator 2.1), the satisfaction of the ratings,
 * the projected score. Made for a 360 px phone first: one card per agency, no table to scroll
 * sideways, no Ant Design and no chart library. Null is "chưa có dữ liệu", never 0. The API gives
 * no personal data.
 */
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { paths } from '../api/schema.js';
import { call, client } from '../app/api.js';
import { ErrorText } from '../ui/ErrorText.js';
import { formatDateTime, formatNumber } from '../ui/format.js';
import { Loading, PageTitle } from '../ui/Page.js';
import './pages.css';
import { usePortalTenant } from './tenant.js';
import { fill, useTransparencyText } from './transparency-messages.js';
import './transparency.css';

type Figures = paths['/api/v1/public/transparency']['get']['responses']['200']['content']['application/json'];
type Ratio = Figures['deployment']['onTime'];

function thisMonth(now = Date.now()) {
  const d = new Date(now + 7 * 3_600_000);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

function RatioFigure({ label, r, of }: { label: string; r: Ratio; of: string }) {
  const m = useTransparencyText();
  return (
    <div className="figure">
      <dt>{label}</dt>
      <dd>
        {r.percent === null ? (
          <span className="no-data">{m.noData}</span>
        ) : (
          <>
            <strong>{formatNumber(r.percent, m.lang)} %</strong>
            <span className="meta"> ({fill(of, { n: r.numerator, d: r.denominator })})</span>
          </>
        )}
      </dd>
    </div>
  );
}

function Figures({ f }: { f: Pick<Figures['deployment'], 'onTime' | 'satisfaction' | 'score'> }) {
  const m = useTransparencyText();
  return (
    <dl className="figures">
      <RatioFigure label={m.onTime} r={f.onTime} of={m.onTimeOf} />
      <RatioFigure label={m.satisfaction} r={f.satisfaction} of={m.satisfactionOf} />
      <div className="figure">
        <dt>{m.score}</dt>
        <dd>
          {f.score.total === null ? (
            <span className="no-data">{m.noData}</span>
          ) : (
            <strong>
              {fill(m.scoreOf, {
                score: formatNumber(f.score.total, m.lang),
                max: formatNumber(f.score.measuredMax, m.lang),
              })}
            </strong>
          )}
        </dd>
      </div>
    </dl>
  );
}

export function Transparency() {
  const m = useTransparencyText();
  const { current } = usePortalTenant();
  const [params, setParams] = useSearchParams();
  const p = params.get('period');
  const period = p && /^\d{4}-\d{2}$/.test(p) ? p : thisMonth();
  const [value, setValue] = useState(period);
  const id = useId();
  const q = useQuery({
    queryKey: ['public', 'transparency', current?.code ?? null, period],
    queryFn: () =>
      call(
        client.GET('/api/v1/public/transparency', {
          params: { query: { period, ...(current ? { tenant: current.code } : {}) } },
        }),
      ),
  });
  const d = q.data;
  return (
    <section className="transparency">
      <PageTitle text={m.title} />
      <p className="meta">{m.intro}</p>
      <form
        className="transparency-period"
        onSubmit={(e) => {
          e.preventDefault();
          if (/^\d{4}-\d{2}$/.test(value)) setParams({ period: value });
        }}
      >
        <label htmlFor={id}>{m.period}</label>{' '}
        <input id={id} type="month" value={value} onChange={(e) => setValue(e.target.value)} required />{' '}
        <button type="submit" className="button-primary">
          {m.show}
        </button>
      </form>
      {q.isError ? (
        <ErrorText error={q.error} onRetry={() => q.refetch()} />
      ) : !d ? (
        <Loading />
      ) : (
        <>
          <p className="as-of" role="status">
            {d.tenant.name} — {d.period.label}. {fill(m.asOf, { time: formatDateTime(d.asOf, m.lang) })}
          </p>
          <article className="agency-card deployment" aria-labelledby={`${id}-all`}>
            <h2 id={`${id}-all`}>{m.deployment}</h2>
            <Figures f={d.deployment} />
          </article>
          <h2>{m.agencies}</h2>
          {d.agencies.length === 0 && <p>{m.none}</p>}
          <ul className="agency-cards">
            {d.agencies.map((a) => (
              <li key={a.agency.id}>
                <article className="agency-card" aria-labelledby={`${id}-${a.agency.id}`}>
                  <h3 id={`${id}-${a.agency.id}`}>{a.agency.name}</h3>
                  <p className="meta">
                    {m.level[a.agency.level as keyof typeof m.level] ?? a.agency.level}
                    {a.rank !== null && ` · ${fill(m.rank, { rank: a.rank })}`}
                  </p>
                  <Figures f={a} />
                </article>
              </li>
            ))}
          </ul>
          <p className="meta">{m.notes}</p>
        </>
      )}
    </section>
  );
}
