/**
 * The demo deployments. Agency identifiers here follow the syntax of Decision 20/2020/QĐ-TTg but
 * are invented (flagged is_demo): the official list for Hà Nội after the 2025 reform is not public
 * in our sources (shared/domain/CODES.md §3, [GAP]).
 */
import type { Role, Scope } from '@motcua/core';
import type { AgencyKind } from '../../db/schema.js';

export const DEMO_PASSWORD = 'MotCua@2025';

export interface DemoDepartment {
  code: string;
  name: string;
}

export interface DemoAgency {
  key: string;
  identifier: string;
  name: string;
  shortName: string;
  kind: AgencyKind;
  departments: DemoDepartment[];
}

const dep = (code: string, name: string): DemoDepartment => ({ code, name });
const OFFICE = dep('VP', 'Văn phòng');

/** Provincial agencies of Hà Nội (two levels, since 1 July 2025). */
export const HANOI_PROVINCIAL: DemoAgency[] = [
  {
    key: 'ubnd',
    identifier: '000.00.00.H26',
    name: 'Ủy ban nhân dân Thành phố Hà Nội',
    shortName: 'UBND TP',
    kind: 'people_committee',
    departments: [],
  },
  {
    key: 'vp',
    identifier: '000.00.01.H26',
    name: 'Văn phòng Ủy ban nhân dân Thành phố Hà Nội',
    shortName: 'VP UBND TP',
    kind: 'office',
    departments: [dep('KSTT', 'Phòng Kiểm soát thủ tục hành chính')],
  },
  {
    key: 'ttpvhcc',
    identifier: '000.00.02.H26',
    name: 'Trung tâm Phục vụ hành chính công Thành phố Hà Nội',
    shortName: 'TT PVHCC',
    kind: 'service_center',
    departments: [dep('TNTKQ', 'Phòng Tiếp nhận và trả kết quả')],
  },
  {
    key: 'stp',
    identifier: '000.00.10.H26',
    name: 'Sở Tư pháp',
    shortName: 'STP',
    kind: 'department',
    departments: [dep('HCTP', 'Phòng Hành chính tư pháp'), dep('BTTP', 'Phòng Bổ trợ tư pháp'), OFFICE],
  },
  {
    key: 'sxd',
    identifier: '000.00.11.H26',
    name: 'Sở Xây dựng',
    shortName: 'SXD',
    kind: 'department',
    departments: [
      dep('QLHDXD', 'Phòng Quản lý hoạt động xây dựng'),
      dep('PTDT', 'Phòng Phát triển đô thị'),
      OFFICE,
    ],
  },
  {
    key: 'snnmt',
    identifier: '000.00.12.H26',
    name: 'Sở Nông nghiệp và Môi trường',
    shortName: 'SNNMT',
    kind: 'department',
    departments: [dep('QLDD', 'Phòng Quản lý đất đai'), dep('MT', 'Phòng Môi trường'), OFFICE],
  },
  {
    key: 'stc',
    identifier: '000.00.13.H26',
    name: 'Sở Tài chính',
    shortName: 'STC',
    kind: 'department',
    departments: [dep('DKKD', 'Phòng Đăng ký kinh doanh'), OFFICE],
  },
  {
    key: 'syt',
    identifier: '000.00.14.H26',
    name: 'Sở Y tế',
    shortName: 'SYT',
    kind: 'department',
    departments: [dep('NVD', 'Phòng Nghiệp vụ Dược'), OFFICE],
  },
  {
    key: 'snv',
    identifier: '000.00.15.H26',
    name: 'Sở Nội vụ',
    shortName: 'SNV',
    kind: 'department',
    departments: [dep('CCVC', 'Phòng Công chức, viên chức'), OFFICE],
  },
  {
    key: 'sgddt',
    identifier: '000.00.16.H26',
    name: 'Sở Giáo dục và Đào tạo',
    shortName: 'SGDĐT',
    kind: 'department',
    departments: [dep('KTKD', 'Phòng Khảo thí và Kiểm định chất lượng'), OFFICE],
  },
  {
    key: 'sct',
    identifier: '000.00.17.H26',
    name: 'Sở Công Thương',
    shortName: 'SCT',
    kind: 'department',
    departments: [dep('QLTM', 'Phòng Quản lý thương mại'), OFFICE],
  },
  {
    key: 'ca',
    identifier: '000.00.18.H26',
    name: 'Công an Thành phố Hà Nội',
    shortName: 'CATP',
    kind: 'police',
    departments: [dep('PC06', 'Phòng Cảnh sát quản lý hành chính về trật tự xã hội')],
  },
];

/** Departments of every commune-level People's Committee (two-level model, Decree 150/2025). */
export const COMMUNE_DEPARTMENTS: DemoDepartment[] = [
  dep('VP', 'Văn phòng Hội đồng nhân dân và Ủy ban nhân dân'),
  dep('KT', 'Phòng Kinh tế'),
  dep('VHXH', 'Phòng Văn hóa - Xã hội'),
];

/** Departments of a district People's Committee (three-level model before 2025). */
export const DISTRICT_DEPARTMENTS: DemoDepartment[] = [
  dep('VP', 'Văn phòng Hội đồng nhân dân và Ủy ban nhân dân'),
  dep('TP', 'Phòng Tư pháp'),
  dep('TNMT', 'Phòng Tài nguyên và Môi trường'),
  dep('QLDT', 'Phòng Quản lý đô thị'),
];

export interface DemoAccount {
  username: string;
  fullName: string;
  role: Role;
  scope: Scope;
  /** agency key (provincial key, `commune:<code>` or `district:<code>`) */
  agency: string;
  department?: string;
  receptionPoint?: string;
  title: string;
}

/**
 * A full team for one agency. The administrator of a commune reaches the commune's whole unit
 * (its People's Committee and anything attached to the commune); a provincial department's
 * administrator only that department, since its unit is the whole province.
 */
const FULL_ROLES = (
  suffix: string,
  agency: string,
  department: string,
  label: string,
  adminScope: Scope = 'agency',
): DemoAccount[] => [
  {
    username: `chuyenvien.${suffix}`,
    fullName: `Nguyễn Văn Thụ (${label})`,
    role: 'specialist',
    scope: 'department',
    agency,
    department,
    title: 'Chuyên viên',
  },
  {
    username: `truongphong.${suffix}`,
    fullName: `Trần Thị Phương (${label})`,
    role: 'department_head',
    scope: 'department',
    agency,
    department,
    title: 'Trưởng phòng',
  },
  {
    username: `lanhdao.${suffix}`,
    fullName: `Lê Văn Duyệt (${label})`,
    role: 'agency_leader',
    scope: 'agency',
    agency,
    title: 'Phó Giám đốc',
  },
  {
    username: `vanthu.${suffix}`,
    fullName: `Phạm Thị Thư (${label})`,
    role: 'clerk',
    scope: 'agency',
    agency,
    title: 'Văn thư',
  },
  {
    username: `quantri.${suffix}`,
    fullName: `Hoàng Văn Trị (${label})`,
    role: 'admin',
    scope: adminScope,
    agency,
    title: 'Quản trị cơ quan',
  },
];

/** Communes of the 2-level demo that get a full set of staff (by GSO code, 2025 list). */
export const HANOI_STAFFED_COMMUNES: { code: string; slug: string }[] = [
  { code: '00070', slug: 'hoankiem' },
  { code: '00166', slug: 'caugiay' },
  { code: '00376', slug: 'socson' },
];

export function hanoiAccounts(): DemoAccount[] {
  const accounts: DemoAccount[] = [
    {
      username: 'admin',
      fullName: 'Quản trị hệ thống Thành phố',
      role: 'admin',
      scope: 'unit_subtree',
      agency: 'ubnd',
      title: 'Quản trị hệ thống',
    },
    {
      username: 'thanhtra',
      fullName: 'Đỗ Văn Sát',
      role: 'inspector',
      scope: 'unit_subtree',
      agency: 'vp',
      department: 'KSTT',
      title: 'Kiểm soát TTHC',
    },
    {
      username: 'motcua.tinh',
      fullName: 'Vũ Thị Nhận',
      role: 'receiving_officer',
      scope: 'agency',
      agency: 'ttpvhcc',
      department: 'TNTKQ',
      receptionPoint: 'TTPVHCC',
      title: 'Cán bộ một cửa',
    },
    {
      username: 'motcua.cn1',
      fullName: 'Bùi Văn Tiếp',
      role: 'receiving_officer',
      scope: 'agency',
      agency: 'ttpvhcc',
      department: 'TNTKQ',
      receptionPoint: 'TTPVHCC-CN1',
      title: 'Cán bộ một cửa',
    },
    ...FULL_ROLES('stp', 'stp', 'HCTP', 'Sở Tư pháp'),
    ...FULL_ROLES('sxd', 'sxd', 'QLHDXD', 'Sở Xây dựng'),
    ...FULL_ROLES('snnmt', 'snnmt', 'QLDD', 'Sở NN&MT'),
  ];
  for (const c of HANOI_STAFFED_COMMUNES) {
    const agency = `commune:${c.code}`;
    accounts.push(
      {
        username: `motcua.${c.slug}`,
        fullName: `Cán bộ một cửa (${c.slug})`,
        role: 'receiving_officer',
        scope: 'agency',
        agency,
        receptionPoint: `XA-${c.code}`,
        title: 'Cán bộ một cửa',
      },
      ...FULL_ROLES(c.slug, agency, 'VHXH', c.slug, 'unit_subtree'),
      // Phòng Kinh tế handles household businesses, building permits and land (Decree 150/2025)
      {
        username: `chuyenvien.kt.${c.slug}`,
        fullName: `Đinh Văn Kinh (${c.slug})`,
        role: 'specialist',
        scope: 'department',
        agency,
        department: 'KT',
        title: 'Chuyên viên Phòng Kinh tế',
      },
      {
        username: `truongphong.kt.${c.slug}`,
        fullName: `Mai Thị Tế (${c.slug})`,
        role: 'department_head',
        scope: 'department',
        agency,
        department: 'KT',
        title: 'Trưởng phòng Kinh tế',
      },
    );
  }
  return accounts;
}

/** Districts of the 3-level demo (pre-2025 GSO codes): Quận Hoàn Kiếm, Huyện Thanh Oai, Huyện Mỹ Đức. */
export const HANOI3_DISTRICTS: { code: string; slug: string; level2: string }[] = [
  { code: '002', slug: 'hoankiem', level2: '30' },
  { code: '278', slug: 'thanhoai', level2: '31' },
  { code: '282', slug: 'myduc', level2: '32' },
];

export const HANOI3_PROVINCIAL: DemoAgency[] = [
  {
    key: 'ubnd',
    identifier: '000.00.00.H26',
    name: 'Ủy ban nhân dân Thành phố Hà Nội',
    shortName: 'UBND TP',
    kind: 'people_committee',
    departments: [],
  },
  {
    key: 'stp',
    identifier: '000.00.10.H26',
    name: 'Sở Tư pháp',
    shortName: 'STP',
    kind: 'department',
    departments: [dep('HCTP', 'Phòng Hành chính tư pháp'), OFFICE],
  },
  {
    key: 'stnmt',
    identifier: '000.00.12.H26',
    name: 'Sở Tài nguyên và Môi trường',
    shortName: 'STNMT',
    kind: 'department',
    departments: [dep('QLDD', 'Phòng Quản lý đất đai'), OFFICE],
  },
];

export function hanoi3Accounts(firstCommunes: Record<string, string>): DemoAccount[] {
  const accounts: DemoAccount[] = [
    {
      username: 'hn3.admin',
      fullName: 'Quản trị hệ thống (3 cấp)',
      role: 'admin',
      scope: 'unit_subtree',
      agency: 'ubnd',
      title: 'Quản trị hệ thống',
    },
    {
      username: 'hn3.chuyenvien.stp',
      fullName: 'Chuyên viên Sở Tư pháp (3 cấp)',
      role: 'specialist',
      scope: 'department',
      agency: 'stp',
      department: 'HCTP',
      title: 'Chuyên viên',
    },
  ];
  for (const d of HANOI3_DISTRICTS) {
    const agency = `district:${d.code}`;
    accounts.push(
      {
        username: `hn3.motcua.${d.slug}`,
        fullName: `Cán bộ một cửa huyện (${d.slug})`,
        role: 'receiving_officer',
        scope: 'agency',
        agency,
        receptionPoint: `H-${d.code}`,
        title: 'Cán bộ một cửa',
      },
      {
        username: `hn3.chuyenvien.${d.slug}`,
        fullName: `Chuyên viên Phòng Tư pháp (${d.slug})`,
        role: 'specialist',
        scope: 'department',
        agency,
        department: 'TP',
        title: 'Chuyên viên',
      },
      {
        username: `hn3.truongphong.${d.slug}`,
        fullName: `Trưởng phòng Tư pháp (${d.slug})`,
        role: 'department_head',
        scope: 'department',
        agency,
        department: 'TP',
        title: 'Trưởng phòng',
      },
      {
        username: `hn3.lanhdao.${d.slug}`,
        fullName: `Phó Chủ tịch UBND (${d.slug})`,
        role: 'agency_leader',
        scope: 'agency',
        agency,
        title: 'Phó Chủ tịch',
      },
      {
        username: `hn3.vanthu.${d.slug}`,
        fullName: `Văn thư UBND (${d.slug})`,
        role: 'clerk',
        scope: 'agency',
        agency,
        title: 'Văn thư',
      },
      {
        username: `hn3.quantri.${d.slug}`,
        fullName: `Quản trị hệ thống huyện (${d.slug})`,
        role: 'admin',
        scope: 'unit_subtree',
        agency,
        title: 'Quản trị hệ thống',
      },
    );
    const commune = firstCommunes[d.code];
    if (commune)
      accounts.push(
        {
          username: `hn3.motcua.xa.${d.slug}`,
          fullName: `Cán bộ một cửa xã (${d.slug})`,
          role: 'receiving_officer',
          scope: 'agency',
          agency: `commune:${commune}`,
          receptionPoint: `XA-${commune}`,
          title: 'Công chức Văn phòng - Thống kê',
        },
        {
          username: `hn3.chuyenvien.xa.${d.slug}`,
          fullName: `Công chức Tư pháp - Hộ tịch xã (${d.slug})`,
          role: 'specialist',
          scope: 'agency',
          agency: `commune:${commune}`,
          title: 'Công chức Tư pháp - Hộ tịch',
        },
        {
          username: `hn3.lanhdao.xa.${d.slug}`,
          fullName: `Chủ tịch UBND xã (${d.slug})`,
          role: 'agency_leader',
          scope: 'agency',
          agency: `commune:${commune}`,
          title: 'Chủ tịch UBND',
        },
      );
  }
  return accounts;
}
