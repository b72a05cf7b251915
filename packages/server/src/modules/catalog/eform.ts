/**
 * E-forms (tờ khai điện tử) are JSON Schema (draft 2020-12) plus a UI schema. A schema that does
 * not compile would only fail when a citizen submits, so it is compiled with Ajv on every save and
 * refused with Ajv's own words.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { DomainError } from '../../errors.js';

function newAjv() {
  // strict: unknown keywords and formats are mistakes in an administrator's schema, not extensions
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats.default(ajv);
  return ajv;
}

const ajv = newAjv();

export function eformError(message: string, messageVi: string, details: Record<string, unknown>) {
  return new DomainError(400, 'EFORM_SCHEMA_INVALID', message, messageVi, details);
}

/** Throws EFORM_SCHEMA_INVALID when the form cannot be used. */
export function checkEForm(eform: {
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
}): void {
  const { schema, uiSchema } = eform;
  if (schema.type !== 'object')
    throw eformError(
      'the e-form schema must describe an object (type: "object")',
      'lược đồ tờ khai điện tử phải mô tả một đối tượng (type: "object")',
      { path: '/eform/schema/type' },
    );
  try {
    // a fresh instance each time: Ajv caches schemas by $id, and a draft may be saved many times
    newAjv().compile(schema);
  } catch (e) {
    throw eformError(
      `the e-form schema does not compile: ${(e as Error).message}`,
      `lược đồ tờ khai điện tử không hợp lệ: ${(e as Error).message}`,
      { path: '/eform/schema' },
    );
  }
  const order = uiSchema['ui:order'];
  if (order !== undefined) {
    const props = Object.keys((schema.properties as Record<string, unknown> | undefined) ?? {});
    if (!Array.isArray(order) || order.some((o) => typeof o !== 'string'))
      throw eformError('ui:order must be a list of field names', 'ui:order phải là danh sách tên trường', {
        path: '/eform/uiSchema/ui:order',
      });
    const unknown = (order as string[]).filter((o) => o !== '*' && !props.includes(o));
    if (unknown.length)
      throw eformError(
        `ui:order names fields the schema does not have: ${unknown.join(', ')}`,
        `ui:order có trường không có trong lược đồ: ${unknown.join(', ')}`,
        { path: '/eform/uiSchema/ui:order', unknown },
      );
  }
}

/** Validates submitted form data against a version's e-form (used by online submission). */
const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
export function validateFormData(schema: Record<string, unknown>, data: unknown) {
  // schemas come from the database as new objects each time: cache by content, not identity
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    if (compiled.size > 500) compiled.clear();
    validate = newAjv().compile(schema);
    compiled.set(key, validate);
  }
  const ok = validate(data) as boolean;
  return {
    ok,
    errors: ok
      ? []
      : (validate.errors ?? []).map((e) => ({
          path: e.instancePath,
          message: e.message ?? '',
          keyword: e.keyword,
          params: e.params as Record<string, unknown>,
        })),
  };
}
