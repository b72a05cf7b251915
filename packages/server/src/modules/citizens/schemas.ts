import { Type } from '@sinclair/typebox';
import { StringEnum } from '../../http/schemas.js';

const IdentityNumber = Type.String({
  pattern: '^[0-9A-Za-z-]{9,20}$',
  description: 'Số định danh cá nhân (12 chữ số) hoặc mã số của tổ chức',
  examples: ['001194012345'],
});

export const CodeRequestBody = Type.Object(
  {
    identityNumber: IdentityNumber,
    channel: StringEnum(['email', 'sms'] as const, {
      description: 'Nhận mã qua thư điện tử (email) hoặc tin nhắn (sms)',
    }),
    tenant: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 50,
        description:
          'the deployment (GET /api/v1/tenants code) whose portal the citizen is on: its outbox sends the code; default the first',
      }),
    ),
  },
  { additionalProperties: false },
);

export const CodeSent = Type.Object(
  {
    channel: StringEnum(['email', 'sms'] as const),
    destination: Type.String({
      description:
        'Nơi nhận mã, đã che bớt (n***@example.vn, 09*****678). The same shape is returned for an identity number with no citizen, for which nothing is sent.',
    }),
    expiresInSeconds: Type.Integer({ description: 'Thời hạn hiệu lực của mã' }),
    resendAfterSeconds: Type.Integer({ description: 'Thời gian chờ trước khi yêu cầu mã mới' }),
  },
  { $id: 'CitizenCodeSent' },
);

export const VerifyBody = Type.Object(
  {
    identityNumber: IdentityNumber,
    code: Type.String({ pattern: '^[0-9]{6}$', description: 'Mã đăng nhập 6 chữ số' }),
  },
  { additionalProperties: false },
);

export const CitizenProfile = Type.Object(
  {
    citizen: Type.Object({
      id: Type.Integer(),
      fullName: Type.String(),
      identityNumber: Type.String(),
      email: Type.Union([Type.String(), Type.Null()]),
      phone: Type.Union([Type.String(), Type.Null()]),
    }),
    csrfToken: Type.String({
      description: 'Send back as the X-CSRF-Token header on every POST, PUT, PATCH and DELETE',
    }),
  },
  { $id: 'CitizenProfile' },
);

export const ApplicantLookupQuery = Type.Object(
  {
    identityNumber: Type.String({
      pattern: '^[0-9A-Z-]{9,20}$',
      description: 'số định danh cá nhân / mã số thuế: the whole number, never a part of it',
    }),
  },
  { additionalProperties: false },
);

export const ApplicantLookup = Type.Object({
  kind: StringEnum(['individual', 'organisation'] as const),
  identityNumber: Type.String(),
  name: Type.String(),
  address: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
});
