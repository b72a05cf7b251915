import { AGENCY_KINDS, AGENCY_LEVELS, ROLES, SCOPES } from '@motcua/core';
import { type TSchema, Type } from '@sinclair/typebox';
import { StringEnum } from '../../http/schemas.js';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

export const AdminUnit = Type.Object(
  {
    id: Type.Integer(),
    code: Type.String({ description: 'Mã đơn vị hành chính (GSO)' }),
    level: Type.Union([Type.Literal('province'), Type.Literal('district'), Type.Literal('commune')]),
    unit_type: Type.String(),
    name: Type.String(),
    full_name: Type.String(),
    name_en: Nullable(Type.String()),
    parent_id: Nullable(Type.Integer()),
    valid_from: Nullable(Type.String()),
    valid_to: Nullable(Type.String()),
  },
  { $id: 'AdminUnit' },
);

export const AdminUnitQuery = Type.Object({
  date: Type.Optional(IsoDate),
  level: Type.Optional(
    Type.Union([Type.Literal('province'), Type.Literal('district'), Type.Literal('commune')]),
  ),
  parentId: Type.Optional(Type.Integer({ minimum: 1 })),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});

const Succession = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  full_name: Type.String(),
  effective: Type.String(),
  kind: Type.String(),
  confidence: Type.String(),
});

export const AdminUnitDetail = Type.Composite([
  Type.Omit(AdminUnit, []),
  Type.Object({ successors: Type.Array(Succession), predecessors: Type.Array(Succession) }),
]);

export const AgencyKind = StringEnum(AGENCY_KINDS);
export const AgencyLevel = StringEnum(AGENCY_LEVELS);

export const Agency = Type.Object(
  {
    id: Type.Integer(),
    identifier: Type.String({ description: 'Mã định danh điện tử (QĐ 20/2020/QĐ-TTg)' }),
    name: Type.String(),
    short_name: Nullable(Type.String()),
    kind: Type.String(),
    level: Type.String(),
    admin_unit_id: Type.Integer(),
    parent_id: Nullable(Type.Integer()),
    is_demo: Type.Boolean(),
  },
  { $id: 'Agency' },
);

export const AgencyListItem = Type.Object({
  id: Type.Integer(),
  identifier: Type.String(),
  name: Type.String(),
  short_name: Nullable(Type.String()),
  kind: Type.String(),
  level: Type.String(),
  parent_id: Nullable(Type.Integer()),
  is_demo: Type.Boolean(),
  unit_id: Type.Integer(),
  unit_code: Type.String(),
  unit_name: Type.String(),
});

export const Department = Type.Object({
  id: Type.Integer(),
  agency_id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
});

export const AgencyCreate = Type.Object(
  {
    identifier: Type.String({ minLength: 1, maxLength: 20, examples: ['000.00.12.H26'] }),
    name: Type.String({ minLength: 2, maxLength: 300 }),
    shortName: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    kind: AgencyKind,
    level: AgencyLevel,
    adminUnitId: Type.Integer({ minimum: 1 }),
    parentId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  },
  { additionalProperties: false },
);

export const AgencyPatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 2, maxLength: 300 })),
    shortName: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    kind: Type.Optional(AgencyKind),
    parentId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const DepartmentCreate = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,40}$' }),
    name: Type.String({ minLength: 2, maxLength: 300 }),
  },
  { additionalProperties: false },
);

export const ListQuery = Type.Object({
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  level: Type.Optional(AgencyLevel),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});

export const ReceptionPoint = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  address: Nullable(Type.String()),
  parent_id: Nullable(Type.Integer()),
  agency_id: Type.Integer(),
  agency_name: Type.String(),
  unit_id: Type.Integer(),
  unit_name: Type.String(),
});

const PositionCreate = Type.Object(
  {
    agencyId: Type.Integer({ minimum: 1 }),
    departmentId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    receptionPointId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    role: StringEnum(ROLES),
    scope: StringEnum(SCOPES),
    title: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
);

export const StaffCreate = Type.Object(
  {
    username: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$' }),
    fullName: Type.String({ minLength: 2, maxLength: 200 }),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 200 }))),
    phone: Type.Optional(Nullable(Type.String({ pattern: '^[0-9+ ().-]{6,20}$' }))),
    password: Type.String({ minLength: 1, maxLength: 256 }),
    positions: Type.Array(PositionCreate, { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);

export const StaffQuery = Type.Composite([
  ListQuery,
  Type.Object({
    agencyId: Type.Optional(
      Type.Integer({ minimum: 1, description: 'only staff holding a position in this agency' }),
    ),
  }),
]);

export const StaffPosition = Type.Object({
  id: Type.Integer(),
  role: Type.String(),
  scope: Type.String(),
  title: Nullable(Type.String()),
  agency_id: Type.Integer(),
  agency_name: Type.String(),
  department_id: Nullable(Type.Integer()),
  department_code: Nullable(Type.String()),
  department_name: Nullable(Type.String()),
  reception_point_id: Nullable(Type.Integer()),
  valid_to: Nullable(Type.String()),
});

export const StaffListItem = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  full_name: Type.String(),
  email: Nullable(Type.String()),
  active: Type.Boolean(),
  is_demo: Type.Boolean(),
  last_login_at: Nullable(Type.Any()),
  positions: Type.Array(StaffPosition, { description: 'every position the officer holds, in any agency' }),
});

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer() });
