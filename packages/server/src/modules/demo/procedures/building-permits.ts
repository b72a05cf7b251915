/** The two building permits: at the commune (1.013225) and at Sở Xây dựng (1.013236). */
import type { DemoProcedure } from '../procedures.js';
import {
  COMMUNE_ECONOMY_DEPT,
  calendarDays,
  channel,
  doc,
  identifierOf,
  ifNegative,
  issue,
  receive,
  refuse,
  returnResult,
  TTPVHCC,
  TTPVHCC_DEPT,
  task,
  to,
} from './common.js';
import {
  APPLICATION,
  CONSTRUCTION_LEGAL_BASIS,
  G_CONG_TRINH,
  G_DAC_THU,
  G_NHA_O,
  LAND_PAPERS,
  PERMIT_FEE,
  PROJECT_DRAWINGS,
  PROJECT_PAPERS,
  permitForm,
  SPECIAL_APPROVALS,
} from './construction-common.js';

// ---------------------------------------------------------------------------------------------

const ECON = { department: COMMUNE_ECONOMY_DEPT };

export const BUILDING_PERMIT_COMMUNE: DemoProcedure = {
  code: '1.013225',
  implementedBy: { communes: 'all', provincial: [] },
  workflows: [
    {
      agency: 'commune',
      // 15 calendar days ≈ 10 working days = 80 h (lower bound)
      definition: {
        start: 'TIEP_NHAN',
        steps: [
          receive(4, 'THAM_DINH'),
          task(
            'THAM_DINH',
            'Thẩm định hồ sơ, kiểm tra thực địa, kiểm tra điều kiện cấp phép (Điều 50 Nghị định 175/2024/NĐ-CP); lấy ý kiến cơ quan quản lý nhà nước liên quan khi cần',
            'specialist',
            40,
            ['forward', 'return', 'request_supplement', 'consult'],
            [ifNegative('TU_CHOI'), to('PHE_DUYET')],
            ECON,
          ),
          task(
            'PHE_DUYET',
            'Xem xét kết quả thẩm định, trình ký giấy phép xây dựng',
            'department_head',
            12,
            ['submit_approval', 'approve', 'return'],
            [to('KY')],
            ECON,
          ),
          task(
            'KY',
            'Chủ tịch Ủy ban nhân dân xã ký giấy phép xây dựng',
            'agency_leader',
            12,
            ['approve', 'sign', 'return'],
            [to('BAN_HANH')],
          ),
          issue(4, 'TRA_KET_QUA', 'Đóng dấu giấy phép và bản vẽ, vào sổ, ban hành'),
          returnResult(8),
          refuse(8, 'Ký văn bản thông báo lý do không cấp giấy phép xây dựng'),
        ],
      },
    },
  ],
  content: {
    name: 'Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV (Công trình không theo tuyến/Theo tuyến trong đô thị/Tín ngưỡng, tôn giáo/Tượng đài, tranh hoành tráng/Theo giai đoạn cho công trình không theo tuyến/Theo giai đoạn cho công trình theo tuyến trong đô thị/Dự án) và nhà ở riêng lẻ',
    fieldName: 'Hoạt động xây dựng',
    levels: ['Cấp xã', 'Cơ quan khác'],
    procedureType: 'TTHC được giao luật quy định chi tiết',
    applicantTypes: [
      'Công dân Việt Nam',
      'Doanh nghiệp',
      'Doanh nghiệp có vốn đầu tư nước ngoài',
      'Tổ chức (không bao gồm doanh nghiệp, HTX)',
    ],
    competentAgency: 'Ủy ban nhân dân cấp xã',
    implementingAgency: 'Ủy ban nhân dân xã, phường, đặc khu',
    coordinatingAgency: 'Cơ quan quản lý nhà nước được lấy ý kiến về các nội dung thuộc chức năng quản lý',
    channels: [
      channel(
        'direct',
        calendarDays(
          15,
          '15 Ngày (nhà ở riêng lẻ; công trình khác: 20 ngày) kể từ ngày nhận đủ hồ sơ hợp lệ',
        ),
        [PERMIT_FEE],
        '',
        'Miễn phí (Theo quy định của Hội đồng nhân dân cấp tỉnh.)',
      ),
      channel(
        'online',
        calendarDays(20, '20 Ngày kể từ ngày nhận đủ hồ sơ hợp lệ'),
        [PERMIT_FEE],
        '',
        'Miễn phí (Theo quy định của Hội đồng nhân dân cấp tỉnh)',
      ),
      channel(
        'postal',
        calendarDays(20, '20 Ngày kể từ ngày nhận đủ hồ sơ hợp lệ'),
        [PERMIT_FEE],
        '',
        'Miễn phí (Theo quy định của Hội đồng nhân dân cấp tỉnh)',
      ),
    ],
    documents: [
      APPLICATION(G_NHA_O, 'NO'),
      LAND_PAPERS(G_NHA_O, 'NO'),
      doc({
        group: G_NHA_O,
        code: 'NO_BAN_VE',
        name: '02 bộ bản vẽ thiết kế xây dựng kèm kết quả thủ tục về phòng cháy, chữa cháy và báo cáo kết quả thẩm tra thiết kế khi pháp luật yêu cầu: mặt bằng công trình trên lô đất kèm sơ đồ vị trí; mặt bằng các tầng, các mặt đứng và mặt cắt chính; mặt bằng móng, mặt cắt móng kèm sơ đồ đấu nối hạ tầng kỹ thuật (cấp nước, thoát nước, cấp điện). Nhà ở riêng lẻ của tổ chức: bản vẽ thiết kế triển khai sau thiết kế cơ sở được phê duyệt',
        count: [2, 0, 2],
        mustDigitise: true,
      }),
      doc({
        group: G_NHA_O,
        code: 'NO_CAM_KET_LIEN_KE',
        name: 'Bản cam kết bảo đảm an toàn đối với công trình liền kề (khi có công trình liền kề)',
        count: [1, 0, 0],
        required: false,
        mustDigitise: true,
      }),
      APPLICATION(G_CONG_TRINH, 'CT'),
      LAND_PAPERS(G_CONG_TRINH, 'CT'),
      PROJECT_PAPERS(G_CONG_TRINH, 'CT'),
      PROJECT_DRAWINGS(G_CONG_TRINH, 'CT'),
      SPECIAL_APPROVALS(G_DAC_THU, 'DT'),
    ],
    eform: permitForm(['III', 'IV'], ['Cấp III', 'Cấp IV'], true),
    results: [
      {
        code: 'KQ.G17.000311',
        name: 'Giấy phép xây dựng kèm hồ sơ thiết kế có đóng dấu của cơ quan cấp giấy phép xây dựng',
        paper: true,
        electronic: false,
      },
    ],
    onlineLevel: 'partial',
    conditions:
      'Công trình đáp ứng các điều kiện cấp giấy phép xây dựng theo Luật Xây dựng và Điều 50 Nghị định 175/2024/NĐ-CP: phù hợp quy hoạch, mục đích sử dụng đất; bảo đảm an toàn công trình và công trình lân cận, phòng cháy, chữa cháy; thiết kế được thẩm định, thẩm tra theo quy định.',
    legalBasis: CONSTRUCTION_LEGAL_BASIS,
    stepsText:
      '1. Chủ đầu tư nộp hồ sơ cho Trung tâm Phục vụ hành chính công cấp xã.\n2. Trong 07 ngày làm việc, cơ quan cấp phép thẩm định hồ sơ, kiểm tra thực địa; hồ sơ thiếu hoặc không đúng thì thông báo một lần bằng văn bản để chủ đầu tư bổ sung, hoàn thiện. Bổ sung chưa đạt thì trong 05 ngày làm việc tiếp tục hướng dẫn; vẫn không đạt thì trong 03 ngày làm việc thông báo lý do không cấp phép.\n3. Lấy ý kiến cơ quan quản lý nhà nước liên quan khi cần; quá 12 ngày không trả lời thì coi như đồng ý.\n4. Trong 20 ngày (15 ngày đối với nhà ở riêng lẻ) kể từ ngày nhận đủ hồ sơ hợp lệ, xem xét cấp giấy phép; Chủ tịch Ủy ban nhân dân xã ký; trả kết quả kèm bản vẽ có đóng dấu.',
    decisionNo: '56/QĐ-BXD',
    decisionDate: null,
    effectiveFrom: null,
  },
};

// ---------------------------------------------------------------------------------------------

const SXD = identifierOf('sxd');
const SNNMT = identifierOf('snnmt');
const ONE_STOP = { agency: TTPVHCC, department: TTPVHCC_DEPT };
const QLHDXD = { agency: SXD, department: 'QLHDXD' };

export const BUILDING_PERMIT_PROVINCE: DemoProcedure = {
  code: '1.013236',
  implementedBy: { communes: 'none', provincial: ['sxd'] },
  receivingAgency: 'ttpvhcc',
  workflows: [
    {
      agency: 'sxd',
      // 20 calendar days ≈ 14 working days = 112 h (lower bound)
      definition: {
        start: 'TIEP_NHAN',
        steps: [
          receive(4, 'PHAN_CONG', ONE_STOP),
          task(
            'PHAN_CONG',
            'Phân công chuyên viên thụ lý',
            'department_head',
            4,
            ['forward', 'return'],
            [to('THAM_DINH')],
            QLHDXD,
          ),
          task(
            'THAM_DINH',
            'Thẩm định hồ sơ, kiểm tra thực địa, đối chiếu thiết kế với thiết kế cơ sở và thẩm duyệt phòng cháy, chữa cháy; lấy ý kiến cơ quan quản lý nhà nước liên quan',
            'specialist',
            56,
            ['forward', 'return', 'request_supplement', 'consult'],
            [ifNegative('TU_CHOI'), to('PHE_DUYET')],
            { ...QLHDXD, consultations: [{ agency: SNNMT, department: 'QLDD', budgetHours: 40 }] },
          ),
          task(
            'PHE_DUYET',
            'Xem xét kết quả thẩm định, trình ký',
            'department_head',
            16,
            ['submit_approval', 'approve', 'return'],
            [to('KY')],
            QLHDXD,
          ),
          task(
            'KY',
            'Lãnh đạo Sở Xây dựng ký giấy phép xây dựng',
            'agency_leader',
            16,
            ['approve', 'sign', 'return'],
            [to('BAN_HANH')],
          ),
          issue(8, 'TRA_KET_QUA', 'Đóng dấu giấy phép và bản vẽ, vào sổ, ban hành'),
          returnResult(8, ONE_STOP),
          refuse(8, 'Ký văn bản thông báo lý do không cấp giấy phép xây dựng'),
        ],
      },
    },
  ],
  content: {
    name: 'Cấp giấy phép xây dựng mới công trình cấp đặc biệt, cấp I, cấp II (Công trình không theo tuyến/Theo tuyến trong đô thị/Tín ngưỡng, tôn giáo/Tượng đài, tranh hoành tráng/Theo giai đoạn cho công trình không theo tuyến/Theo giai đoạn cho công trình theo tuyến trong đô thị/Dự án)',
    fieldName: 'Hoạt động xây dựng',
    levels: ['Cấp tỉnh'],
    procedureType: 'TTHC được giao luật quy định chi tiết',
    applicantTypes: ['Công dân Việt Nam', 'Doanh nghiệp', 'Tổ chức (không bao gồm doanh nghiệp, HTX)'],
    competentAgency:
      'Ủy ban nhân dân cấp tỉnh (Sở Xây dựng; Ban Quản lý các khu công nghiệp theo phân cấp, ủy quyền)',
    implementingAgency: 'Sở Xây dựng',
    coordinatingAgency: 'Cơ quan quản lý nhà nước được lấy ý kiến về các nội dung thuộc chức năng quản lý',
    channels: (['direct', 'online', 'postal'] as const).map((c) =>
      channel(
        c,
        calendarDays(20, '20 Ngày kể từ ngày nhận đủ hồ sơ hợp lệ'),
        [PERMIT_FEE],
        '',
        'Miễn phí (Theo quy định của Hội đồng nhân dân cấp tỉnh.)',
      ),
    ),
    documents: [
      APPLICATION(G_CONG_TRINH, 'CT'),
      LAND_PAPERS(G_CONG_TRINH, 'CT'),
      PROJECT_PAPERS(G_CONG_TRINH, 'CT'),
      PROJECT_DRAWINGS(G_CONG_TRINH, 'CT'),
      doc({
        group: G_CONG_TRINH,
        code: 'CT_DU_LIEU_BIM',
        name: 'Dữ liệu BIM của công trình theo định dạng gốc và định dạng chuẩn IFC 4.0 hoặc định dạng mở khác (khoản 2 Điều 8 Nghị định 175/2024/NĐ-CP), thể hiện vị trí, hình dạng không gian ba chiều và kích thước chủ yếu các bộ phận chính; mỗi tệp không quá 500 MB',
        count: [1, 0, 0],
      }),
      SPECIAL_APPROVALS(G_DAC_THU, 'DT'),
    ],
    eform: permitForm(['dac_biet', 'I', 'II'], ['Cấp đặc biệt', 'Cấp I', 'Cấp II'], false),
    results: [
      {
        code: 'KQ.G17.000232',
        name: 'Giấy phép xây dựng kèm hồ sơ thiết kế có đóng dấu của cơ quan cấp giấy phép xây dựng',
        paper: true,
        electronic: false,
      },
    ],
    onlineLevel: 'partial',
    conditions:
      'Công trình đáp ứng các điều kiện cấp giấy phép xây dựng theo Luật Xây dựng và Điều 50 Nghị định 175/2024/NĐ-CP; thiết kế phù hợp thiết kế cơ sở được cơ quan chuyên môn về xây dựng thẩm định và thiết kế đã được thẩm duyệt về phòng cháy, chữa cháy.',
    legalBasis: CONSTRUCTION_LEGAL_BASIS,
    stepsText:
      '1. Chủ đầu tư nộp hồ sơ cho Trung tâm Phục vụ hành chính công cấp tỉnh (hoặc ban quản lý khu công nghiệp, khu kinh tế theo phân cấp).\n2. Trong 07 ngày làm việc, Sở Xây dựng thẩm định hồ sơ, kiểm tra thực địa, đối chiếu thiết kế với thiết kế cơ sở đã thẩm định và thiết kế đã thẩm duyệt phòng cháy, chữa cháy, kiểm tra báo cáo thẩm tra; thông báo một lần để bổ sung nếu cần.\n3. Lấy ý kiến cơ quan quản lý nhà nước liên quan (trả lời trong 12 ngày; quá hạn coi như đồng ý).\n4. Trong 20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ, xem xét cấp giấy phép; không cấp thì thông báo lý do bằng văn bản.',
    decisionNo: '56/QĐ-BXD',
    decisionDate: null,
    effectiveFrom: null,
  },
};
