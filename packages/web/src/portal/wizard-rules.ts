/**
 * The e-form's schema rules as Ant Design form rules, with messages in the interface's language:
 * the citizen learns what is wrong with a field as they leave it, not from the server after
 * pressing "submit". The server checks the same schema again (Ajv) and its answer is mapped back
 * onto the fields (Wizard.tsx), so a rule missing here costs a round trip, never a wrong dossier.
 */
import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import { type FieldKind, isFilled, type Json } from './wizard-schema.js';

type Getter = (name: (string | number)[]) => unknown;

/** Whether the section a field belongs to must be filled in (see wizard-form.tsx). */
export type Active = (get: Getter) => boolean;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export function isRealDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1;
}

// what `format: email` accepts in practice; the server's ajv-formats check is the final word
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A pattern's rule in words, for the shapes the e-forms use; null for any other. */
function patternHint(pattern: string, t: TFunction): string | null {
  let m = /^\^\[0-9\]\{(\d+)\}\$$/.exec(pattern);
  if (m) return t('portal.wizard.rules.digits', { n: Number(m[1]) });
  m = /^\^\[0-9\]\{(\d+),(\d+)\}\$$/.exec(pattern);
  if (m) return t('portal.wizard.rules.digitsBetween', { min: Number(m[1]), max: Number(m[2]) });
  m = /^\^0\[0-9\]\{(\d+)\}\$$/.exec(pattern);
  if (m) return t('portal.wizard.rules.startsWithZero', { n: Number(m[1]) + 1 });
  if (pattern.startsWith('^\\p{L}')) return t('portal.wizard.rules.letters');
  return null;
}

function compile(pattern: string): RegExp | null {
  try {
    // JSON Schema patterns are ECMA-262 with Unicode semantics (\p{L}), as Ajv compiles them
    return new RegExp(pattern, 'u');
  } catch {
    return null;
  }
}

/** The rules of one field. `required` is checked only while its section is active. */
export function rulesFor(
  s: Json,
  kind: FieldKind,
  o: { label: string; required: boolean; active: Active; t: TFunction },
): FormRule[] {
  const { t, label } = o;
  const rules: FormRule[] = [];
  if (o.required)
    rules.push(({ getFieldValue }) => ({
      validator: async (_, value) => {
        if (isFilled(value) || !o.active(getFieldValue)) return;
        throw new Error(
          kind === 'enum' || kind === 'boolean'
            ? t('portal.wizard.rules.choose', { label })
            : t('portal.wizard.rules.required', { label }),
        );
      },
    }));
  if (s.const === true)
    rules.push({
      validator: async (_, value) => {
        if (value !== true && (o.required || value !== undefined))
          throw new Error(t('portal.wizard.rules.mustConfirm'));
      },
    });
  if (kind === 'string' || kind === 'date') {
    const min = typeof s.minLength === 'number' ? s.minLength : null;
    const max = typeof s.maxLength === 'number' ? s.maxLength : null;
    const re = typeof s.pattern === 'string' ? compile(s.pattern) : null;
    rules.push({
      validator: async (_, value) => {
        if (typeof value !== 'string') return;
        const v = value.normalize('NFC').trim();
        if (v === '') return;
        // code points, as JSON Schema counts length (an emoji is one character)
        const length = [...v].length;
        if (min !== null && length < min) throw new Error(t('portal.wizard.rules.minLength', { n: min }));
        if (max !== null && length > max) throw new Error(t('portal.wizard.rules.maxLength', { n: max }));
        if (re && !re.test(v))
          throw new Error(patternHint(String(s.pattern), t) ?? t('portal.wizard.rules.pattern'));
        if (s.format === 'email' && !EMAIL.test(v)) throw new Error(t('portal.wizard.rules.email'));
        if (s.format === 'date' && !isRealDate(v)) throw new Error(t('portal.wizard.rules.date'));
      },
    });
  }
  if (kind === 'number' || kind === 'integer')
    rules.push({
      validator: async (_, value) => {
        if (value === undefined || value === null || value === '') return;
        if (typeof value !== 'number' || Number.isNaN(value))
          throw new Error(t('portal.wizard.rules.number'));
        if (kind === 'integer' && !Number.isInteger(value)) throw new Error(t('portal.wizard.rules.integer'));
        if (typeof s.minimum === 'number' && value < s.minimum)
          throw new Error(t('portal.wizard.rules.minimum', { n: s.minimum }));
        if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum)
          throw new Error(t('portal.wizard.rules.greaterThan', { n: s.exclusiveMinimum }));
        if (typeof s.maximum === 'number' && value > s.maximum)
          throw new Error(t('portal.wizard.rules.maximum', { n: s.maximum }));
        if (typeof s.exclusiveMaximum === 'number' && value >= s.exclusiveMaximum)
          throw new Error(t('portal.wizard.rules.lessThan', { n: s.exclusiveMaximum }));
      },
    });
  if (kind === 'array')
    rules.push(({ getFieldValue }) => ({
      validator: async (_, value) => {
        const n = Array.isArray(value) ? value.filter(isFilled).length : 0;
        if (typeof s.minItems === 'number' && n < s.minItems && o.active(getFieldValue))
          throw new Error(t('portal.wizard.rules.minItems', { n: s.minItems }));
        if (typeof s.maxItems === 'number' && n > s.maxItems)
          throw new Error(t('portal.wizard.rules.maxItems', { n: s.maxItems }));
      },
    }));
  return rules;
}
