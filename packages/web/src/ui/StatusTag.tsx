import { type DossierState, NATIONAL_STATUS, STATE_LABELS } from '@motcua/core';
import { useTranslation } from 'react-i18next';

/** A dossier's state in words, with the national portal's status code (1–10) beside it. */
export function StatusTag({ state }: { state: string }) {
  const { i18n } = useTranslation();
  const s = state as DossierState;
  const label = STATE_LABELS[s];
  if (!label) return <span className="tag">{state}</span>;
  const code = NATIONAL_STATUS[s];
  return (
    <span className="tag tag-status" title={code ? `Mã trạng thái quốc gia ${code}` : undefined}>
      {i18n.language.startsWith('en') ? label.en : label.vi}
      {code ? ` (${code})` : ''}
    </span>
  );
}
