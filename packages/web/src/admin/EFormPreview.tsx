/**
 * A read-only rendering of an e-form (JSON Schema 2020-12 + UI schema) as the citizen would see
 * its fields: titles as labels, objects as fieldsets, enums as choices, help texts, required marks
 * and the order of `ui:order`. It is a preview for administrators, not the portal's form engine.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

type Json = Record<string, unknown>;

const asObj = (x: unknown): Json => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Json) : {});

function ordered(props: Json, ui: Json): string[] {
  const keys = Object.keys(props);
  const order = Array.isArray(ui['ui:order']) ? (ui['ui:order'] as unknown[]).map(String) : null;
  if (!order) return keys;
  const star = order.indexOf('*');
  const listed = order.filter((k) => k !== '*' && keys.includes(k));
  const rest = keys.filter((k) => !listed.includes(k));
  if (star < 0) return [...listed, ...rest];
  return [...listed.slice(0, star), ...rest, ...listed.slice(star)];
}

export function EFormPreview({ schema, uiSchema }: { schema: Json; uiSchema: Json }) {
  const { t } = useTranslation();
  const id = useId();
  const props = asObj(schema.properties);
  return (
    <form
      className="admin-preview"
      aria-label={t('admin.eform.preview')}
      onSubmit={(e) => e.preventDefault()}
    >
      {typeof schema.title === 'string' && <p style={{ fontWeight: 700 }}>{schema.title}</p>}
      {Object.keys(props).length === 0 && <p className="admin-muted">{t('admin.eform.noFields')}</p>}
      <Fields id={id} props={props} required={schema.required} ui={uiSchema} depth={0} />
    </form>
  );
}

function Fields({
  id,
  props,
  required,
  ui,
  depth,
}: {
  id: string;
  props: Json;
  required: unknown;
  ui: Json;
  depth: number;
}) {
  const req = new Set(Array.isArray(required) ? required.map(String) : []);
  return (
    <>
      {ordered(props, ui).map((k) => (
        <Field
          key={k}
          id={`${id}-${k}`}
          name={k}
          schema={asObj(props[k])}
          ui={asObj(ui[k])}
          required={req.has(k)}
          depth={depth}
        />
      ))}
    </>
  );
}

function Field({
  id,
  name,
  schema,
  ui,
  required,
  depth,
}: {
  id: string;
  name: string;
  schema: Json;
  ui: Json;
  required: boolean;
  depth: number;
}) {
  const { t } = useTranslation();
  const title = typeof schema.title === 'string' ? schema.title : name;
  const help = typeof ui['ui:help'] === 'string' ? ui['ui:help'] : null;
  const helpId = help ? `${id}-help` : undefined;
  const mark = required ? (
    <span className="admin-required" title={t('admin.eform.required')}>
      {' '}
      *<span className="sr-only">{t('admin.eform.required')}</span>
    </span>
  ) : null;
  const widget = typeof ui['ui:widget'] === 'string' ? ui['ui:widget'] : null;
  const type = Array.isArray(schema.type) ? String(schema.type[0]) : String(schema.type ?? 'string');

  if (type === 'object' && depth < 6)
    return (
      <fieldset aria-describedby={helpId}>
        <legend>
          {title}
          {mark}
        </legend>
        {help && (
          <span id={helpId} className="admin-help">
            {help}
          </span>
        )}
        <Fields
          id={id}
          props={asObj(schema.properties)}
          required={schema.required}
          ui={ui}
          depth={depth + 1}
        />
      </fieldset>
    );

  if (type === 'array') {
    const items = asObj(schema.items);
    return (
      <fieldset aria-describedby={helpId}>
        <legend>
          {title} ({t('admin.eform.list')}){mark}
        </legend>
        {help && (
          <span id={helpId} className="admin-help">
            {help}
          </span>
        )}
        <Field
          id={`${id}-0`}
          name={`${name}[1]`}
          schema={{ ...items, title: `${typeof items.title === 'string' ? items.title : title} 1` }}
          ui={asObj(ui.items)}
          required={false}
          depth={depth + 1}
        />
      </fieldset>
    );
  }

  const values = Array.isArray(schema.enum) ? schema.enum.map(String) : null;
  const names = Array.isArray(ui['ui:enumNames']) ? ui['ui:enumNames'].map(String) : null;
  if (values && widget === 'radio')
    return (
      <fieldset aria-describedby={helpId}>
        <legend>
          {title}
          {mark}
        </legend>
        {values.map((v, i) => (
          <label key={v} style={{ marginRight: 16 }}>
            <input type="radio" name={id} value={v} /> {names?.[i] ?? v}
          </label>
        ))}
        {help && (
          <span id={helpId} className="admin-help">
            {help}
          </span>
        )}
      </fieldset>
    );

  let control: React.ReactNode;
  if (values)
    control = (
      <select id={id} aria-describedby={helpId} defaultValue="">
        <option value="">{t('admin.eform.choose')}</option>
        {values.map((v, i) => (
          <option key={v} value={v}>
            {names?.[i] ?? v}
          </option>
        ))}
      </select>
    );
  else if (type === 'boolean')
    return (
      <div className="admin-field">
        <label htmlFor={id}>
          <input id={id} type="checkbox" aria-describedby={helpId} /> {title}
          {mark}
        </label>
        {help && (
          <span id={helpId} className="admin-help">
            {help}
          </span>
        )}
      </div>
    );
  else if (type === 'integer' || type === 'number')
    control = (
      <input
        id={id}
        type="number"
        aria-describedby={helpId}
        min={typeof schema.minimum === 'number' ? schema.minimum : undefined}
        max={typeof schema.maximum === 'number' ? schema.maximum : undefined}
        step={type === 'integer' ? 1 : 'any'}
      />
    );
  else if (widget === 'textarea') control = <textarea id={id} rows={3} aria-describedby={helpId} />;
  else
    control = (
      <input
        id={id}
        type={schema.format === 'date' ? 'date' : schema.format === 'email' ? 'email' : 'text'}
        aria-describedby={helpId}
        placeholder={typeof ui['ui:placeholder'] === 'string' ? ui['ui:placeholder'] : undefined}
        maxLength={typeof schema.maxLength === 'number' ? schema.maxLength : undefined}
      />
    );
  return (
    <div className="admin-field">
      <label htmlFor={id}>
        {title}
        {mark}
      </label>
      {control}
      {help && (
        <span id={helpId} className="admin-help">
          {help}
        </span>
      )}
    </div>
  );
}
