/**
 * What the citizen takes away from a dossier: the papers the agency issued (the legal forms, as
 * PDF from GET /api/v1/dossiers/{id}/forms/{form}, each only once the log holds what fills it)
 * and the result files, which the server shows the applicant once processing has ended. The
 * apology is named as in the set of the receipt date (2025: "Văn bản xin lỗi và đề nghị gia hạn…").
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatBytes, formSetOf } from '../ui/format.js';
import type { DossierDetail, DossierFile, LogEntry } from './account-data.js';

const FORMS = ['RECEIPT', 'SUPPLEMENT_REQUEST', 'REFUSAL', 'APOLOGY_EXTENSION', 'STOP_NOTICE'] as const;
type Form = (typeof FORMS)[number];

/** The forms the log can fill (dossiers/forms.ts answers 409 FORM_NOT_AVAILABLE for the others). */
function availableForms(detail: DossierDetail, log: readonly LogEntry[]): Form[] {
  const has = (...types: LogEntry['type'][]) => log.some((e) => types.includes(e.type));
  const accepted = has('accept', 'receive_joint') && !!detail.dossier.code && !!detail.dossier.receivedAt;
  const when: Record<Form, boolean> = {
    RECEIPT: accepted,
    SUPPLEMENT_REQUEST: has('request_completion', 'request_supplement'),
    REFUSAL: has('refuse_intake'),
    APOLOGY_EXTENSION: accepted && has('apologise'),
    STOP_NOTICE: has('stop'),
  };
  return FORMS.filter((f) => when[f]);
}

export function Forms({ detail, log }: { detail: DossierDetail; log: readonly LogEntry[] }) {
  const { t } = useTranslation();
  const forms = availableForms(detail, log);
  const id = detail.dossier.id;
  return (
    <section className="card" aria-labelledby="h-forms">
      <h2 id="h-forms">{t('portal.account.forms.title')}</h2>
      {forms.length === 0 ? (
        <p>{t('portal.account.forms.none')}</p>
      ) : (
        <>
          <p className="meta">{t('portal.account.forms.hint')}</p>
          <ul className="download-list">
            {forms.map((f) => (
              <li key={f}>
                <a href={`/api/v1/dossiers/${id}/forms/${f}`} target="_blank" rel="noopener">
                  {f === 'APOLOGY_EXTENSION' && formSetOf(detail.dossier.receivedAt) === '2025'
                    ? t('portal.account.forms.APOLOGY_EXTENSION_2025')
                    : t(`portal.account.forms.${f}`)}
                </a>{' '}
                <span className="meta">({t('portal.account.forms.pdf')})</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function Results({ files, online }: { files: readonly DossierFile[]; online: boolean }) {
  const { t, i18n } = useTranslation();
  const results = files.filter((f) => f.purpose === 'result');
  return (
    <section className="card" aria-labelledby="h-results">
      <h2 id="h-results">{t('portal.account.results.title')}</h2>
      {results.length === 0 ? (
        <p>{t('portal.account.results.none')}</p>
      ) : (
        <ul className="download-list">
          {results.map((f) => {
            const name = f.filename ?? `${f.kind.toUpperCase()} ${f.id}`;
            return (
              <li key={f.id}>
                <a href={`/api/v1/files/${f.id}`} download={f.filename ?? true}>
                  {t('portal.account.results.download', { name })}
                </a>{' '}
                <span className="meta">
                  ({f.kind.toUpperCase()}, {formatBytes(f.size, i18n.language)})
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {online && results.length > 0 && (
        <p>
          {t('portal.account.results.inStore')}{' '}
          <Link to="/ca-nhan/giay-to">{t('portal.account.results.store')}</Link>.
        </p>
      )}
    </section>
  );
}
