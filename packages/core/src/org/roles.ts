/**
 * Roles an officer can hold in a position (agency or department + role). Names follow
 * shared/domain/README.md (actors) and Decree 118/2025 (one-stop units).
 */
export const ROLES = [
  'receiving_officer', // cán bộ một cửa: receives, digitises, returns results
  'specialist', // chuyên viên thụ lý: appraises and drafts
  'department_head', // trưởng phòng: assigns, reviews
  'agency_leader', // lãnh đạo cơ quan: approves and signs
  'clerk', // văn thư: numbers and issues documents
  'admin', // quản trị hệ thống: catalogue, workflows, agencies, staff, calendars
  'inspector', // thanh tra, giám sát: reads indicators and dossiers, changes nothing
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { vi: string; en: string }> = {
  receiving_officer: { vi: 'Cán bộ một cửa', en: 'Receiving officer' },
  specialist: { vi: 'Chuyên viên thụ lý', en: 'Specialist' },
  department_head: { vi: 'Lãnh đạo phòng', en: 'Department head' },
  agency_leader: { vi: 'Lãnh đạo cơ quan', en: 'Agency leader' },
  clerk: { vi: 'Văn thư', en: 'Clerk' },
  admin: { vi: 'Quản trị hệ thống', en: 'Administrator' },
  inspector: { vi: 'Thanh tra, giám sát', en: 'Inspector' },
};

/**
 * How far a position reaches: its department, its whole agency, or every agency attached to an
 * administrative unit in the subtree of its agency's unit (e.g. a provincial administrator).
 */
export const SCOPES = ['department', 'agency', 'unit_subtree'] as const;
export type Scope = (typeof SCOPES)[number];

export const ADMIN_UNIT_LEVELS = ['province', 'district', 'commune'] as const;
export type AdminUnitLevel = (typeof ADMIN_UNIT_LEVELS)[number];

/** Kinds of agency: People's Committee, its office, a department (Sở), a sector agency, a service centre, police. */
export const AGENCY_KINDS = [
  'people_committee',
  'office',
  'department',
  'sector',
  'service_center',
  'police',
  'other',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export const AGENCY_LEVELS = ['ministry', 'province', 'district', 'commune'] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];
