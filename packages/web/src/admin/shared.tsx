/**
 * What every administration screen shares: the server's own words for a refusal (a 409 here is
 * "that code is taken", not a dossier conflict), server validation mapped back onto form fields,
 * and the guard that keeps non-administrators out with an explanation rather than a blank page.
 */
import { Alert, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api.js';
import { rolesOf, useOfficer } from '../app/session.js';
import { Loading } from '../ui/Page.js';

const RULES = [
  'pattern',
  'minLength',
  'maxLength',
  'format',
  'required',
  'minimum',
  'maximum',
  'type',
] as const;

/** The few texts these helpers need: narrow, so any `t` fits without deep type instantiation. */
type T = (
  key:
    | 'errors.network'
    | 'errors.unauthenticated'
    | 'errors.unexpected'
    | 'admin.common.invalid'
    | `admin.common.rules.${(typeof RULES)[number]}`,
) => string;

/** The refusal in the interface's language: the server's message, or what we know of the failure. */
export function refusalText(error: unknown, t: T, lang: string): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('errors.network');
    if (error.status === 401) return t('errors.unauthenticated');
    if (error.code === 'VALIDATION_FAILED') {
      const issues = issuesOf(error);
      if (issues.length)
        return `${t('admin.common.invalid')} ${issues.map((i) => `${i.path.join('.')}: ${ruleText(i.rule, t, i.message)}`).join('; ')}`;
    }
    return error.text(lang) || t('errors.unexpected');
  }
  return t('errors.unexpected');
}

interface Issue {
  path: (string | number)[];
  rule: string;
  message: string;
}

/** The schema issues of a 400, with "/body/positions/0/role" turned into ['positions', 0, 'role']. */
export function issuesOf(error: unknown): Issue[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details.issues)) return [];
  return (error.details.issues as { path?: string; rule?: string; message?: string; params?: unknown }[]).map(
    (i) => {
      const params = (i.params ?? {}) as Record<string, unknown>;
      const parts = (i.path ?? '')
        .replace(/^\/(body|querystring|params)/, '')
        .split('/')
        .filter(Boolean)
        .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      // a missing property is reported on its parent
      if (i.rule === 'required' && typeof params.missingProperty === 'string')
        parts.push(params.missingProperty);
      return { path: parts, rule: i.rule ?? '', message: i.message ?? '' };
    },
  );
}

export function ruleText(rule: string, t: T, fallback: string): string {
  return (RULES as readonly string[]).includes(rule)
    ? t(`admin.common.rules.${rule as (typeof RULES)[number]}`)
    : fallback;
}

/**
 * Puts the server's refusal next to the fields it names (schema issues, or a domain error with
 * `details.field`). Returns true when at least one field took it, so the caller may skip the
 * general alert.
 */
export function showFieldErrors(
  form: FormInstance,
  error: unknown,
  t: T,
  lang: string,
  map: (path: (string | number)[]) => (string | number)[] | null = (p) => p,
): boolean {
  if (!(error instanceof ApiError)) return false;
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const i of issuesOf(error)) {
    const name = map(i.path);
    if (name?.length) fields.push({ name, errors: [ruleText(i.rule, t, i.message)] });
  }
  const field = error.details.field;
  if (typeof field === 'string') {
    const name = map(field.split('/').map((p) => (/^\d+$/.test(p) ? Number(p) : p)));
    if (name?.length) fields.push({ name, errors: [error.text(lang)] });
  }
  if (fields.length) form.setFields(fields);
  return fields.length > 0;
}

/** A refusal shown above a form's buttons, announced to screen readers. */
export function Refusal({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  return (
    <Alert
      type="error"
      role="alert"
      showIcon
      title={refusalText(error, t, i18n.language)}
      style={{ marginBottom: 12 }}
    />
  );
}

/** Administration is for administrators: anyone else is told so, in words. */
export function AdminOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useOfficer();
  if (me.isPending) return <Loading />;
  if (!rolesOf(me.data).has('admin'))
    return <Alert type="warning" role="alert" showIcon title={t('admin.common.adminOnly')} />;
  return <>{children}</>;
}

/** "YYYY-MM-DD" of a local date, without a time zone's shift. */
export const isoDay = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** JSON for reading: indented, or a dash when there is nothing. */
export const pretty = (v: unknown) => (v === null || v === undefined ? '—' : JSON.stringify(v, null, 2));
