/**
 * E-form errors per field, in Vietnamese and English, for the citizen who typed them. Ajv's
 * messages are English only and name JSON Schema keywords; the portal shows these instead.
 */
export interface FieldError {
  /** JSON Pointer of the field, e.g. /tre/ngaySinh (a missing property's own path) */
  path: string;
  keyword: string;
  message: string;
  messageVi: string;
}

interface AjvError {
  path: string;
  message: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

const vi = (e: AjvError): string => {
  const p = e.params ?? {};
  switch (e.keyword) {
    case 'required':
      return 'Trường này bắt buộc phải khai';
    case 'type':
      return 'Giá trị không đúng kiểu dữ liệu';
    case 'format':
      return p.format === 'date'
        ? 'Ngày không hợp lệ (định dạng YYYY-MM-DD)'
        : 'Giá trị không đúng định dạng';
    case 'enum':
    case 'const':
      return 'Giá trị không nằm trong danh sách cho phép';
    case 'pattern':
      return 'Giá trị không đúng mẫu quy định';
    case 'minLength':
      return `Cần ít nhất ${p.limit} ký tự`;
    case 'maxLength':
      return `Không được quá ${p.limit} ký tự`;
    case 'minimum':
    case 'exclusiveMinimum':
      return `Giá trị phải từ ${p.limit} trở lên`;
    case 'maximum':
    case 'exclusiveMaximum':
      return `Giá trị không được vượt quá ${p.limit}`;
    case 'additionalProperties':
      return 'Tờ khai có trường không thuộc mẫu';
    case 'minItems':
      return `Cần ít nhất ${p.limit} mục`;
    case 'maxItems':
      return `Không được quá ${p.limit} mục`;
    default:
      return 'Giá trị không hợp lệ';
  }
};

export function formErrors(errors: readonly AjvError[]): FieldError[] {
  return errors.map((e) => {
    const missing = e.keyword === 'required' && typeof e.params?.missingProperty === 'string';
    const extra = e.keyword === 'additionalProperties' && typeof e.params?.additionalProperty === 'string';
    const path = missing
      ? `${e.path}/${e.params?.missingProperty as string}`
      : extra
        ? `${e.path}/${e.params?.additionalProperty as string}`
        : e.path;
    return { path, keyword: e.keyword ?? 'unknown', message: e.message, messageVi: vi(e) };
  });
}
