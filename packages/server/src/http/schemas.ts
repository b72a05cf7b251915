import { Type } from '@sinclair/typebox';

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Machine-readable code, e.g. VALIDATION_FAILED' }),
      message: Type.String({ description: 'English message' }),
      messageVi: Type.String({ description: 'Thông báo tiếng Việt' }),
      details: Type.Record(Type.String(), Type.Unknown()),
    }),
  },
  { $id: 'Error', description: 'Every failure has this shape' },
);

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const Paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
};

/** A string enum as OpenAPI shows it ({type: string, enum: [...]}) with its literal union type. */
export const StringEnum = <T extends string>(values: readonly T[], options: { description?: string } = {}) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });
