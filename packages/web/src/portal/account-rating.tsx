/**
 * Rating the service once the result is returned: the `rate` action (an overall score 1–5, the
 * short survey of SURVEY_QUESTIONS, a comment), recorded once per dossier by its applicant. The
 * scores are plain radio buttons with their meaning written out, not stars.
 */
import { SURVEY_QUESTIONS, type SurveyQuestion } from '@motcua/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../ui/ErrorState.js';
import { type DossierDetail, useCitizenAction } from './account-data.js';

const SCORES = ['1', '2', '3', '4', '5'] as const;

function Scores({
  name,
  legend,
  value,
  onChange,
  errorId,
}: {
  name: string;
  legend: string;
  value: number | undefined;
  onChange: (v: number) => void;
  /** the error shown under the group, read with its legend */
  errorId?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="choices" aria-describedby={errorId}>
      <legend>{legend}</legend>
      <div className="rating-scores">
        {SCORES.map((s) => (
          <label key={s} className="choice">
            <input
              type="radio"
              name={name}
              value={s}
              checked={value === Number(s)}
              onChange={() => onChange(Number(s))}
            />{' '}
            {t(`portal.account.rating.scores.${s}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function Rating({ detail }: { detail: DossierDetail }) {
  const { t } = useTranslation();
  const id = useId();
  const d = detail.dossier;
  const act = useCitizenAction(d.id);
  const [score, setScore] = useState<number>();
  const [answers, setAnswers] = useState<Partial<Record<SurveyQuestion, number>>>({});
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);

  const rated = d.state.rating;
  if (rated !== null)
    return (
      <section className="card" aria-labelledby="h-rating">
        <h2 id="h-rating">{t('portal.account.rating.title')}</h2>
        <p className="notice-ok" role="status">
          {t('portal.account.rating.done', { score: rated })}
        </p>
      </section>
    );

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!score) {
      setMissing(true);
      return;
    }
    setMissing(false);
    const text = comment.normalize('NFC').trim().slice(0, 1000);
    act.mutate({
      type: 'rate',
      expectedVersion: d.version,
      score,
      ...(Object.keys(answers).length ? { answers } : {}),
      ...(text ? { comment: text } : {}),
    });
  };

  return (
    <section className="card" aria-labelledby="h-rating">
      <h2 id="h-rating">{t('portal.account.rating.title')}</h2>
      <p>{t('portal.account.rating.intro')}</p>
      <form className="account-form" onSubmit={submit} noValidate>
        <Scores
          name={`${id}-score`}
          legend={t('portal.account.rating.overall')}
          value={score}
          onChange={setScore}
          errorId={missing ? `${id}-score-error` : undefined}
        />
        {missing && (
          <p className="field-error" id={`${id}-score-error`} role="alert">
            {t('portal.account.rating.chooseScore')}
          </p>
        )}
        <details className="survey">
          <summary>{t('portal.account.rating.survey')}</summary>
          {SURVEY_QUESTIONS.map((q) => (
            <Scores
              key={q}
              name={`${id}-${q}`}
              legend={t(`portal.account.rating.questions.${q}`)}
              value={answers[q]}
              onChange={(v) => setAnswers((a) => ({ ...a, [q]: v }))}
            />
          ))}
        </details>
        <div className="field">
          <label htmlFor={`${id}-comment`}>{t('portal.account.rating.comment')}</label>
          <textarea
            id={`${id}-comment`}
            className="account-input"
            value={comment}
            maxLength={1000}
            onChange={(e) => setComment(e.target.value)}
          />
        </div>
        {act.isError && <ErrorState error={act.error} />}
        <p>
          <button type="submit" className="button-primary" disabled={act.isPending}>
            {act.isPending ? t('portal.account.rating.sending') : t('portal.account.rating.send')}
          </button>
        </p>
      </form>
    </section>
  );
}
