/**
 * The e-form (tờ khai điện tử) of a procedure version, rendered from its JSON Schema and UI schema
 * with Ant Design form items: texts, numbers, dates, choices, yes/no, sections (fieldsets, nested
 * as deep as the schema goes) and lists. Values stay plain JSON (dates as YYYY-MM-DD), so a draft
 * can be kept as it is and the data sent as the schema describes it.
 *
 * An optional section (the father's details, say) is checked only once something is typed in it:
 * its required fields are required of a section the citizen fills, not of the whole form.
 */
import {
  Button,
  Checkbox,
  DatePicker,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Radio,
  Select,
} from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { type Active, isRealDate, rulesFor } from './wizard-rules.js';
import {
  asObj,
  asStrings,
  enumLabel,
  type FieldKind,
  isFilled,
  type Json,
  kindOf,
  orderedKeys,
  titleOf,
} from './wizard-schema.js';

export const FORM_NAME = 'eform';
type Name = (string | number)[];

const fieldId = (abs: Name) => [FORM_NAME, ...abs].join('_');
const ALWAYS: Active = () => true;
/** Up to this many choices show as radio buttons (one tap each on a phone); more as a list. */
const RADIO_MAX = 3;

interface FieldProps {
  /** the name inside the enclosing Form.List (or the form), as Form.Item takes it */
  rel: Name;
  /** the full name, for reading values and building ids */
  abs: Name;
  schema: Json;
  ui: Json;
  required: boolean;
  /** whether the enclosing section must be complete */
  active: Active;
  label?: string;
}

export function EForm({
  form,
  schema,
  uiSchema,
  onChange,
}: {
  form: FormInstance;
  schema: Json;
  uiSchema: Json;
  onChange: () => void;
}) {
  const { t } = useTranslation();
  const props = asObj(schema.properties);
  const required = new Set(asStrings(schema.required));
  return (
    <Form
      form={form}
      name={FORM_NAME}
      layout="vertical"
      onValuesChange={onChange}
      // the wizard's buttons move on; Enter in a field must not submit anything
      onFinish={() => undefined}
      className="wz-eform"
    >
      {typeof schema.title === 'string' && <p className="wz-eform-title">{schema.title}</p>}
      <p className="wz-note">{t('portal.wizard.form.requiredNote')}</p>
      {orderedKeys(props, uiSchema).map((k) => (
        <Field
          key={k}
          rel={[k]}
          abs={[k]}
          schema={asObj(props[k])}
          ui={asObj(uiSchema[k])}
          required={required.has(k)}
          active={ALWAYS}
        />
      ))}
    </Form>
  );
}

function Field(p: FieldProps) {
  const kind = kindOf(p.schema);
  if (kind === 'object') return <Section {...p} />;
  if (kind === 'array') return <List {...p} />;
  return <Leaf {...p} kind={kind} />;
}

function Help({ ui }: { ui: Json }) {
  return typeof ui['ui:help'] === 'string' ? <p className="wz-help">{ui['ui:help']}</p> : null;
}

function Section({ rel, abs, schema, ui, required, active, label }: FieldProps) {
  const { t } = useTranslation();
  const props = asObj(schema.properties);
  const req = new Set(asStrings(schema.required));
  // a required section is complete whenever its parent is; an optional one once it is begun
  const mine: Active = (get) => active(get) && (required || isFilled(get(abs)));
  return (
    <fieldset className="wz-section">
      <legend>
        {label ?? titleOf(schema, abs.at(-1) ?? '')}
        {!required && <span className="wz-optional"> {t('portal.wizard.form.optionalSection')}</span>}
      </legend>
      <Help ui={ui} />
      {orderedKeys(props, ui).map((k) => (
        <Field
          key={k}
          rel={[...rel, k]}
          abs={[...abs, k]}
          schema={asObj(props[k])}
          ui={asObj(ui[k])}
          required={req.has(k)}
          active={mine}
        />
      ))}
    </fieldset>
  );
}

function List({ rel, abs, schema, ui, required, active }: FieldProps) {
  const { t } = useTranslation();
  const title = titleOf(schema, abs.at(-1) ?? '');
  const items = asObj(schema.items);
  const itemUi = asObj(ui.items);
  const itemTitle = titleOf(items, title);
  const itemKind = kindOf(items);
  const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
  const max = typeof schema.maxItems === 'number' ? schema.maxItems : Number.POSITIVE_INFINITY;
  const rules = rulesFor(schema, 'array', { label: title, required, active, t });
  return (
    <fieldset className="wz-section">
      <legend>
        {title}
        {!required && <span className="wz-optional"> {t('portal.wizard.form.optionalSection')}</span>}
      </legend>
      <Help ui={ui} />
      <Form.List
        name={rel}
        rules={rules as never}
        initialValue={
          min > 0 ? Array.from({ length: min }, () => (itemKind === 'object' ? {} : undefined)) : []
        }
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((f, i) => {
              const itemAbs = [...abs, f.name];
              const itemLabel = `${itemTitle} ${i + 1}`;
              const itemActive: Active = (get) => active(get) && isFilled(get(itemAbs));
              return (
                <div key={f.key} className="wz-item">
                  {itemKind === 'object' ? (
                    <Section
                      rel={[f.name]}
                      abs={itemAbs}
                      schema={items}
                      ui={itemUi}
                      required
                      active={itemActive}
                      label={itemLabel}
                    />
                  ) : (
                    <Leaf
                      rel={[f.name]}
                      abs={itemAbs}
                      schema={items}
                      ui={itemUi}
                      required={false}
                      active={itemActive}
                      kind={itemKind}
                      label={itemLabel}
                    />
                  )}
                  <Button onClick={() => remove(f.name)} className="wz-remove">
                    {t('portal.wizard.form.remove', { item: itemLabel })}
                  </Button>
                </div>
              );
            })}
            <Form.ErrorList errors={errors} />
            {fields.length < max && (
              <Button onClick={() => add(itemKind === 'object' ? {} : undefined)}>
                {t('portal.wizard.form.add', { item: itemTitle.toLocaleLowerCase('vi') })}
              </Button>
            )}
          </>
        )}
      </Form.List>
    </fieldset>
  );
}

const TEXT_TRIGGER = ['onBlur'];
const CHOICE_TRIGGER = ['onChange', 'onBlur'];

function Leaf({ rel, abs, schema, ui, required, active, kind, label }: FieldProps & { kind: FieldKind }) {
  const { t } = useTranslation();
  const title = label ?? titleOf(schema, abs.at(-1) ?? '');
  const id = fieldId(abs);
  const labelId = `${id}-label`;
  const rules = rulesFor(schema, kind, { label: title, required, active, t });
  const help = typeof ui['ui:help'] === 'string' ? ui['ui:help'] : undefined;
  const widget = typeof ui['ui:widget'] === 'string' ? ui['ui:widget'] : undefined;
  const labelNode = <span id={labelId}>{title}</span>;
  const common = { name: rel, required, rules, extra: help };

  if (kind === 'boolean' && schema.const === true)
    return (
      <Form.Item {...common} valuePropName="checked" validateTrigger={CHOICE_TRIGGER}>
        <Checkbox>{title}</Checkbox>
      </Form.Item>
    );
  if (kind === 'boolean')
    return (
      <Form.Item {...common} label={labelNode} validateTrigger={CHOICE_TRIGGER}>
        <Radio.Group
          aria-labelledby={labelId}
          options={[
            { value: true, label: t('portal.wizard.yes') },
            { value: false, label: t('portal.wizard.no') },
          ]}
        />
      </Form.Item>
    );
  if (kind === 'enum') {
    const values = (schema.enum as unknown[]).filter((v) => typeof v === 'string' || typeof v === 'number');
    const options = values.map((v) => ({ value: v as string | number, label: enumLabel(schema, ui, v) }));
    const radio = widget === 'radio' || (widget !== 'select' && options.length <= RADIO_MAX);
    return (
      <Form.Item {...common} label={labelNode} validateTrigger={CHOICE_TRIGGER}>
        {radio ? (
          <Radio.Group aria-labelledby={labelId} options={options} className="wz-radios" />
        ) : (
          <Select
            options={options}
            allowClear={!required}
            placeholder={t('portal.wizard.form.choose')}
            showSearch={options.length > 8 ? { optionFilterProp: 'label' } : false}
          />
        )}
      </Form.Item>
    );
  }
  if (kind === 'date')
    return (
      <Form.Item
        {...common}
        label={labelNode}
        validateTrigger={CHOICE_TRIGGER}
        getValueProps={(v: unknown) => ({
          value: typeof v === 'string' && isRealDate(v) ? dayjs(v) : undefined,
        })}
        normalize={(d: dayjs.Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined)}
      >
        <DatePicker
          format="DD/MM/YYYY"
          placeholder={t('portal.wizard.form.datePlaceholder')}
          className="wz-date"
        />
      </Form.Item>
    );
  if (kind === 'number' || kind === 'integer')
    return (
      <Form.Item {...common} label={labelNode} validateTrigger={TEXT_TRIGGER}>
        <InputNumber className="wz-number" inputMode={kind === 'integer' ? 'numeric' : 'decimal'} />
      </Form.Item>
    );
  const pattern = typeof schema.pattern === 'string' ? schema.pattern : '';
  const numeric = /^\^0?\[0-9\]\{[\d,]+\}\$$/.test(pattern);
  const email = schema.format === 'email' || widget === 'email';
  return (
    <Form.Item {...common} label={labelNode} validateTrigger={TEXT_TRIGGER}>
      {widget === 'textarea' ? (
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
      ) : (
        <Input
          type={email ? 'email' : 'text'}
          inputMode={email ? 'email' : numeric ? (pattern.startsWith('^0') ? 'tel' : 'numeric') : undefined}
          autoComplete="off"
        />
      )}
    </Form.Item>
  );
}
