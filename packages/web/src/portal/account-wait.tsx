import { useTranslation } from 'react-i18next';

/** "45 giây" / "12 phút": a wait as a person reads it (the server counts it in seconds). */
export function useWaitText() {
  const { t } = useTranslation();
  return (seconds: number) =>
    seconds <= 120
      ? t('portal.account.wait.seconds', { n: seconds })
      : t('portal.account.wait.minutes', { n: Math.ceil(seconds / 60) });
}
