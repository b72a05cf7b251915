import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, lunarOf } from './format.js';

/** A solar date (and time), with the lunar date beside it when asked, in a <time> element. */
export function DateText({
  value,
  time = false,
  lunar = false,
}: {
  value: string;
  time?: boolean;
  lunar?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const text = time ? formatDateTime(value, i18n.language) : formatDate(value, i18n.language);
  if (!lunar) return <time dateTime={value}>{text}</time>;
  const l = lunarOf(value);
  return (
    <span>
      <time dateTime={value}>{text}</time>{' '}
      <span className="lunar">
        (
        {t('lunar', { day: l.day, month: l.month, leap: l.leap ? t('lunarLeap') : '', yearName: l.yearName })}
        )
      </span>
    </span>
  );
}
