/**
 * The desk's two queues: online dossiers waiting for acceptance (to_receive) and results waiting
 * to be handed over (to_return), each opening the dossier with the desk's own actions first.
 */
import { useTranslation } from 'react-i18next';
import '../workspace/workspace.css';
import { useParams } from 'react-router';
import { NotFound } from '../ui/NotFound.js';
import { PageTitle } from '../ui/Page.js';
import { useDossier } from '../workspace/api.js';
import { DossierScreen } from '../workspace/DossierScreen.js';
import { WorklistTable } from '../workspace/WorklistTable.js';

/** /mot-cua/truc-tuyen */
export function OnlineQueue() {
  const { t } = useTranslation();
  return (
    <section>
      <PageTitle text={t('desk.online.title')} />
      <p>{t('desk.online.intro')}</p>
      <WorklistTable
        list="to_receive"
        columns="intake"
        caption={t('desk.online.title')}
        linkTo={(r) => `/mot-cua/truc-tuyen/${r.id}`}
      />
    </section>
  );
}

/** /mot-cua/truc-tuyen/:id: check the e-form and the files, mark digitised, then decide. */
export function OnlineReview() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  if (!Number.isInteger(id) || id < 1) return <NotFound />;
  return (
    <DossierScreen
      id={id}
      title={t('desk.online.reviewTitle')}
      back={{ to: '/mot-cua/truc-tuyen', label: t('desk.online.back') }}
      primary={['accept', 'request_completion', 'refuse_intake']}
    />
  );
}

/** /mot-cua/tra-ket-qua */
export function ReturnDesk() {
  const { t } = useTranslation();
  return (
    <section>
      <PageTitle text={t('desk.return.title')} />
      <p>{t('desk.return.intro')}</p>
      <WorklistTable
        list="to_return"
        caption={t('desk.return.title')}
        linkTo={(r) => `/mot-cua/tra-ket-qua/${r.id}`}
      />
    </section>
  );
}

/** The postal order a result returned by post produced: the addressee as the post office gets it. */
function PostalOrder({ id }: { id: number }) {
  const { t } = useTranslation();
  const d = useDossier(id).data?.dossier;
  if (d?.state.delivery !== 'postal') return null;
  return (
    <section className="card" aria-labelledby="h-postal">
      <h2 id="h-postal">{t('desk.return.postalOrder')}</h2>
      <p>{t('desk.return.postalIntro')}</p>
      <dl className="form-data">
        <div className="form-data-row">
          <dt>{t('desk.return.addressee')}</dt>
          <dd>{d.applicant.name ?? '—'}</dd>
        </div>
        <div className="form-data-row">
          <dt>{t('workspace.address')}</dt>
          <dd>{d.applicant.address ?? '—'}</dd>
        </div>
        <div className="form-data-row">
          <dt>{t('workspace.phone')}</dt>
          <dd>{d.applicant.phone ?? '—'}</dd>
        </div>
      </dl>
    </section>
  );
}

/** /mot-cua/tra-ket-qua/:id: hand the result over (who received it, identity checked). */
export function ReturnHandover() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  if (!Number.isInteger(id) || id < 1) return <NotFound />;
  return (
    <DossierScreen
      id={id}
      title={t('desk.return.handoverTitle')}
      back={{ to: '/mot-cua/tra-ket-qua', label: t('desk.return.back') }}
      primary={['return_result']}
      side={<PostalOrder id={id} />}
    />
  );
}
