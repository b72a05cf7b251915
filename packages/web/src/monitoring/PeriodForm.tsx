import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The month shown, chosen with the browser's own month field (keyboard and screen-reader friendly). */
export function PeriodForm({ period, onChange }: { period: string; onChange: (p: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [value, setValue] = useState(period);
  return (
    <form
      className="period-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (/^\d{4}-\d{2}$/.test(value)) onChange(value);
      }}
    >
      <label htmlFor={id}>{t('monitoring.period')}</label>{' '}
      <input id={id} type="month" value={value} onChange={(e) => setValue(e.target.value)} required />{' '}
      <button type="submit">{t('monitoring.show')}</button>
    </form>
  );
}
