import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A screen's title: the document's title (what a screen reader announces after a navigation)
 * and its h1, which takes the focus when the route changes so keyboard users start at the top.
 */
export function PageTitle({ children, text }: { children?: ReactNode; text: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${text} — ${t('brand')}`;
    // only after a client-side navigation: on first load the browser's own focus is right
    if (history.state?.idx > 0) ref.current?.focus({ preventScroll: false });
  }, [text, t]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children ?? text}
    </h1>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> <span>{t('loading')}</span>
    </div>
  );
}
