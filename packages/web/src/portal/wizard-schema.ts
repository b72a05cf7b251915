/**
 * The part of JSON Schema (draft 2020-12) the procedures' e-forms use, read for the wizard: what
 * kind of field a property is, in which order the UI schema shows them, and the data to send
 * (empty answers left out, as the server's schema wants: `additionalProperties: false`, strings of
 * at least one character, optional sections absent rather than half empty).
 */

export type Json = Record<string, unknown>;

export const asObj = (x: unknown): Json =>
  x && typeof x === 'object' && !Array.isArray(x) ? (x as Json) : {};

export const asStrings = (x: unknown): string[] => (Array.isArray(x) ? x.map(String) : []);

export type FieldKind = 'string' | 'number' | 'integer' | 'boolean' | 'enum' | 'date' | 'object' | 'array';

export function kindOf(s: Json): FieldKind {
  if (Array.isArray(s.enum)) return 'enum';
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  switch (type) {
    case 'object':
      return 'object';
    case 'array':
      return 'array';
    case 'boolean':
      return 'boolean';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    default:
      if (s.format === 'date') return 'date';
      return 'string';
  }
}

/** The property names in the order of `ui:order` (a `*` stands for every property it does not name). */
export function orderedKeys(props: Json, ui: Json): string[] {
  const keys = Object.keys(props);
  const order = Array.isArray(ui['ui:order']) ? asStrings(ui['ui:order']) : null;
  if (!order) return keys;
  const listed = order.filter((k) => k !== '*' && keys.includes(k));
  const rest = keys.filter((k) => !listed.includes(k));
  const star = order.indexOf('*');
  if (star < 0) return [...listed, ...rest];
  const before = order.slice(0, star).filter((k) => listed.includes(k));
  const after = order.slice(star + 1).filter((k) => listed.includes(k));
  return [...before, ...rest, ...after];
}

/** The label of an enum value: the UI schema's `ui:enumNames`, else the value itself. */
export function enumLabel(s: Json, ui: Json, value: unknown): string {
  const values = Array.isArray(s.enum) ? s.enum : [];
  const names = asStrings(ui['ui:enumNames']);
  const i = values.indexOf(value);
  return (i >= 0 ? names[i] : undefined) ?? String(value);
}

export const titleOf = (s: Json, name: string | number) =>
  typeof s.title === 'string' && s.title ? s.title : String(name);

/** Whether a form value holds anything the citizen typed or chose. */
export function isFilled(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.trim() !== '';
  if (Array.isArray(v)) return v.some(isFilled);
  if (typeof v === 'object') return Object.values(v as Json).some(isFilled);
  return true;
}

/**
 * The form's values as the e-form's data: strings trimmed and NFC (macOS and some keyboards type
 * decomposed Vietnamese), empty answers and empty sections left out, nothing the schema lacks.
 */
export function toFormData(schema: Json, values: unknown): unknown {
  const kind = kindOf(schema);
  if (kind === 'object') {
    const props = asObj(schema.properties);
    const src = asObj(values);
    const out: Json = {};
    for (const k of Object.keys(props)) {
      const v = toFormData(asObj(props[k]), src[k]);
      if (v !== undefined) out[k] = v;
    }
    return Object.keys(out).length ? out : undefined;
  }
  if (kind === 'array') {
    if (!Array.isArray(values)) return undefined;
    const items = values.map((v) => toFormData(asObj(schema.items), v)).filter((v) => v !== undefined);
    return items.length ? items : undefined;
  }
  if (values === undefined || values === null) return undefined;
  if (typeof values === 'string') {
    const s = values.normalize('NFC').trim();
    return s === '' ? undefined : s;
  }
  return values;
}

/** The root's data: always an object (the server requires one, empty or not). */
export const rootFormData = (schema: Json, values: unknown): Json => asObj(toFormData(schema, values));

/** A JSON Pointer of the server's errors (/tre/noiSinh/loai, /giayTo/0/ten) as a form field name. */
export function pointerToName(pointer: string): (string | number)[] {
  if (!pointer || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** The schema of the field at a name path, or null when the form has no such field. */
export function schemaAt(root: Json, name: readonly (string | number)[]): Json | null {
  let s: Json = root;
  for (const part of name) {
    const kind = kindOf(s);
    if (kind === 'object' && typeof part === 'string' && part in asObj(s.properties))
      s = asObj(asObj(s.properties)[part]);
    else if (kind === 'array' && typeof part === 'number') s = asObj(s.items);
    else return null;
  }
  return s;
}

/** The field's label path for a message outside the form: "Thông tin của trẻ › Ngày sinh". */
export function labelPath(root: Json, name: readonly (string | number)[]): string {
  const labels: string[] = [];
  let s: Json = root;
  for (const part of name) {
    const kind = kindOf(s);
    if (kind === 'object' && typeof part === 'string') {
      s = asObj(asObj(s.properties)[part]);
      labels.push(titleOf(s, part));
    } else if (kind === 'array' && typeof part === 'number') {
      s = asObj(s.items);
      labels.push(`${part + 1}`);
    } else {
      labels.push(String(part));
      break;
    }
  }
  return labels.join(' › ');
}

/** The server's e-form errors (form-errors.ts on the server): per JSON Pointer, in both languages. */
export interface ServerFieldError {
  path: string;
  message: string;
  messageVi: string;
}

/**
 * Where the server's errors go: onto the form's fields when the pointer names one, else into a
 * list worded with the field's labels (a missing section, a rule across fields, a list's length).
 */
export function placeErrors(schema: Json | null, fields: readonly ServerFieldError[], lang: string) {
  const onFields: { name: (string | number)[]; errors: string[] }[] = [];
  const other: string[] = [];
  for (const f of fields) {
    const text = lang.startsWith('en') ? f.message : f.messageVi;
    const name = pointerToName(f.path);
    const s = schema && name.length ? schemaAt(schema, name) : null;
    if (s && kindOf(s) !== 'object' && kindOf(s) !== 'array') {
      const same = onFields.find((x) => x.name.join('/') === name.join('/'));
      if (same) same.errors.push(text);
      else onFields.push({ name, errors: [text] });
    } else other.push(schema && name.length ? `${labelPath(schema, name)}: ${text}` : text);
  }
  return { onFields, other };
}
