import { ROLES, SCOPES } from '@motcua/core';
import { Type } from '@sinclair/typebox';
import { StringEnum } from '../../http/schemas.js';

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64, description: 'Tên đăng nhập' }),
    password: Type.String({ minLength: 1, maxLength: 256, description: 'Mật khẩu' }),
  },
  { additionalProperties: false },
);

export const Profile = Type.Object(
  {
    staff: Type.Object({ id: Type.Integer(), username: Type.String(), fullName: Type.String() }),
    tenant: Type.Object({
      id: Type.Integer(),
      code: Type.String(),
      name: Type.String(),
      levels: Type.Integer(),
    }),
    positions: Type.Array(
      Type.Object({
        id: Type.Integer(),
        role: StringEnum(ROLES),
        scope: StringEnum(SCOPES),
        title: Type.Union([Type.String(), Type.Null()]),
        agency: Type.Object({ id: Type.Integer(), name: Type.String() }),
        department: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()]),
        receptionPoint: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()]),
      }),
    ),
    csrfToken: Type.String({
      description: 'Send back as the X-CSRF-Token header on every POST, PUT, PATCH and DELETE',
    }),
  },
  { $id: 'Profile' },
);
