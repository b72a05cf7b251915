/**
 * Agencies and workflows for the tests (not exported by the package). The identifiers follow
 * the shape of Decision 20/2020/QĐ-TTg; the agencies are made up, the procedures are real ones.
 */
import type { TaskStep, WorkflowContext, WorkflowDefinition } from './types.js';

/** UBND xã: no departments, officers hold agency-wide positions. */
export const COMMUNE = '000.21.31.H40';
/** Sở Xây dựng, with the department QLXD (Phòng Quản lý xây dựng). */
export const CONSTRUCTION = '000.00.15.H40';
/** Trung tâm Phục vụ hành chính công tỉnh: the one-stop centre that receives and returns. */
export const CENTRE = '000.00.12.H40';
/** Công an tỉnh (fire prevention is consulted on construction permits). */
export const POLICE = '000.00.26.H40';
/** Văn phòng đăng ký đất đai tỉnh (provincial land registration office). */
export const LAND_OFFICE = '000.18.17.H40';

export interface AgencySpec {
  departments?: string[];
  roles: string[];
}

export function context(
  agency: string,
  agencies: Record<string, AgencySpec>,
  extra: Partial<Omit<WorkflowContext, 'agency' | 'agencies'>> = {},
): WorkflowContext {
  return {
    agency,
    limitHours: 160,
    agencies: new Map(
      Object.entries(agencies).map(([id, a]) => [
        id,
        { departments: new Set(a.departments ?? []), roles: new Set(a.roles) },
      ]),
    ),
    ...extra,
  };
}

/** Every agency of the tests, staffed for every role a workflow of the tests needs. */
export function province(
  extra: Partial<Omit<WorkflowContext, 'agency' | 'agencies'>> = {},
  agency = CONSTRUCTION,
) {
  return context(
    agency,
    {
      [COMMUNE]: { roles: ['receiving_officer', 'specialist', 'agency_leader', 'clerk'] },
      [CONSTRUCTION]: {
        departments: ['QLXD', 'VP'],
        roles: ['QLXD:specialist', 'QLXD:department_head', 'agency_leader', 'VP:clerk'],
      },
      [CENTRE]: { roles: ['receiving_officer'] },
      [POLICE]: { departments: ['PC07'], roles: ['PC07:specialist'] },
      [LAND_OFFICE]: { departments: ['DKCG'], roles: ['DKCG:specialist'] },
    },
    extra,
  );
}

export function task(code: string, p: Partial<TaskStep> = {}): TaskStep {
  return {
    kind: 'task',
    code,
    name: `Bước ${code}`,
    agency: null,
    department: null,
    role: 'specialist',
    budgetHours: 1,
    actions: ['forward'],
    next: [],
    ...p,
  };
}

/**
 * Đăng ký khai sinh at a commune (Law on Civil Status 2014): received and, in the ordinary case,
 * registered the same working day, 8 hours.
 */
export function birthRegistration(): WorkflowDefinition {
  return {
    start: 'TIEP_NHAN',
    steps: [
      task('TIEP_NHAN', {
        name: 'Tiếp nhận hồ sơ',
        role: 'receiving_officer',
        budgetHours: 0.5,
        next: [{ to: 'THAM_DINH' }],
      }),
      task('THAM_DINH', {
        name: 'Kiểm tra, ghi sổ hộ tịch',
        budgetHours: 4,
        actions: ['forward', 'return', 'request_supplement'],
        next: [{ to: 'KY' }, { to: 'TU_CHOI', when: { outcome: 'negative' } }],
      }),
      task('KY', {
        name: 'Chủ tịch UBND xã ký giấy khai sinh',
        role: 'agency_leader',
        budgetHours: 2,
        actions: ['approve', 'sign', 'issue_result', 'return'],
        next: [{ to: 'TRA_KET_QUA' }],
      }),
      task('TRA_KET_QUA', {
        name: 'Trả giấy khai sinh',
        role: 'receiving_officer',
        budgetHours: 1,
        actions: ['return_result'],
        end: 'result',
      }),
      task('TU_CHOI', {
        name: 'Từ chối đăng ký, nêu rõ lý do',
        role: 'agency_leader',
        budgetHours: 1,
        actions: ['refuse', 'sign'],
        end: 'refusal',
      }),
    ],
  };
}

/**
 * Cấp giấy phép xây dựng at the Department of Construction, 20 working days (160 h): the provincial
 * centre receives and returns, the QLXD department appraises and consults the fire police.
 */
export function constructionPermit(): WorkflowDefinition {
  return {
    start: 'TIEP_NHAN',
    steps: [
      task('TIEP_NHAN', {
        name: 'Tiếp nhận hồ sơ',
        agency: CENTRE,
        role: 'receiving_officer',
        budgetHours: 4,
        next: [{ to: 'PHAN_CONG' }],
      }),
      task('PHAN_CONG', {
        name: 'Phân công thụ lý',
        department: 'QLXD',
        role: 'department_head',
        budgetHours: 4,
        next: [{ to: 'THAM_DINH' }],
      }),
      task('THAM_DINH', {
        name: 'Thẩm định hồ sơ, kiểm tra thực địa',
        department: 'QLXD',
        budgetHours: 96,
        actions: ['forward', 'return', 'request_supplement', 'consult'],
        consultations: [{ agency: POLICE, department: 'PC07', budgetHours: 40 }],
        next: [{ to: 'PHE_DUYET' }, { to: 'TU_CHOI', when: { outcome: 'negative' } }],
      }),
      task('PHE_DUYET', {
        name: 'Xem xét, trình ký',
        department: 'QLXD',
        role: 'department_head',
        budgetHours: 16,
        actions: ['submit_approval', 'approve', 'return'],
        // rework: the department head sends the draft back to the specialist
        next: [{ to: 'KY' }, { to: 'THAM_DINH', when: { outcome: 'negative' } }],
      }),
      task('KY', {
        name: 'Ký giấy phép xây dựng',
        role: 'agency_leader',
        budgetHours: 16,
        actions: ['approve', 'sign', 'return'],
        next: [{ to: 'BAN_HANH' }],
      }),
      task('BAN_HANH', {
        name: 'Vào sổ, phát hành',
        department: 'VP',
        role: 'clerk',
        budgetHours: 8,
        actions: ['issue_result', 'forward'],
        next: [{ to: 'TRA_KET_QUA' }],
      }),
      task('TRA_KET_QUA', {
        name: 'Trả kết quả',
        agency: CENTRE,
        role: 'receiving_officer',
        budgetHours: 8,
        actions: ['return_result'],
        end: 'result',
      }),
      task('TU_CHOI', {
        name: 'Ký văn bản từ chối',
        role: 'agency_leader',
        budgetHours: 16,
        actions: ['refuse', 'sign'],
        end: 'refusal',
      }),
    ],
  };
}

/**
 * Cấp Giấy chứng nhận quyền sử dụng đất lần đầu, liên thông: the commune receives and verifies
 * (land origin, disputes, planning), then hands the dossier to the provincial land registration
 * office, whose own workflow takes most of the limit; the commune returns the certificate.
 */
export function landCertificate(): WorkflowDefinition {
  return {
    start: 'TIEP_NHAN',
    steps: [
      task('TIEP_NHAN', {
        name: 'Tiếp nhận hồ sơ',
        role: 'receiving_officer',
        budgetHours: 4,
        next: [{ to: 'XAC_NHAN' }],
      }),
      task('XAC_NHAN', {
        name: 'Xác nhận nguồn gốc, hiện trạng sử dụng đất',
        budgetHours: 24,
        actions: ['forward', 'return', 'request_supplement'],
        next: [{ to: 'LIEN_THONG' }, { to: 'TU_CHOI', when: { outcome: 'negative' } }],
      }),
      {
        kind: 'joint',
        code: 'LIEN_THONG',
        name: 'Chuyển Văn phòng đăng ký đất đai',
        agency: LAND_OFFICE,
        procedure: null,
        budgetHours: 120,
        next: [{ to: 'TRA_KET_QUA' }, { to: 'TU_CHOI', when: { outcome: 'negative' } }],
      },
      task('TRA_KET_QUA', {
        name: 'Trao Giấy chứng nhận',
        role: 'receiving_officer',
        budgetHours: 8,
        actions: ['return_result'],
        end: 'result',
      }),
      task('TU_CHOI', {
        name: 'Thông báo từ chối',
        role: 'agency_leader',
        budgetHours: 8,
        actions: ['refuse', 'sign'],
        end: 'refusal',
      }),
    ],
  };
}
