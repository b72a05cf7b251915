/**
 * Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh (2.000635): by the managers of the
 * electronic civil-status database, i.e. the commune and Sở Tư pháp. The portal gives no limit;
 * the record's steps give the 15:00 rule (same day). Fee: 8.000 đồng per copy.
 */
import type { DemoProcedure } from '../procedures.js';
import {
  CIVIL_STATUS_LEGAL_BASIS,
  CIVIL_STATUS_LIMITS,
  communeSameDayWorkflow,
  EXTRACT_COPY_FEE,
  G_NOP,
  G_XUAT_TRINH,
} from './civil-common.js';
import {
  APPLICANT_UI,
  applicant,
  CCCD,
  channel,
  date,
  doc,
  identifierOf,
  identityDoc,
  ifNegative,
  ifThen,
  int,
  issue,
  NAME,
  object,
  oneOf,
  receive,
  refuse,
  residenceDoc,
  returnResult,
  SCHEMA_2020,
  str,
  TTPVHCC,
  TTPVHCC_DEPT,
  task,
  to,
} from './common.js';

// ---------------------------------------------------------------------------------------------

/** Sở Tư pháp: the one-stop centre receives and returns, Phòng Hành chính tư pháp processes. */
const STP = identifierOf('stp');
const ONE_STOP = { agency: TTPVHCC, department: TTPVHCC_DEPT };

export const EXTRACT_COPIES: DemoProcedure = {
  code: '2.000635',
  implementedBy: { communes: 'all', provincial: ['stp'] },
  receivingAgency: 'ttpvhcc',
  workflows: [
    {
      agency: 'commune',
      definition: communeSameDayWorkflow(
        'Thẩm tra hồ sơ, tra cứu Cơ sở dữ liệu hộ tịch điện tử, in bản sao Trích lục hộ tịch, bản sao Giấy khai sinh',
        'Lãnh đạo Ủy ban nhân dân xã ký bản sao',
      ),
    },
    {
      agency: 'stp',
      definition: {
        start: 'TIEP_NHAN',
        steps: [
          receive(1, 'THAM_TRA', ONE_STOP),
          task(
            'THAM_TRA',
            'Thẩm tra hồ sơ, tra cứu Cơ sở dữ liệu hộ tịch điện tử, in bản sao Trích lục hộ tịch, bản sao Giấy khai sinh',
            'specialist',
            3,
            ['forward', 'return', 'request_supplement'],
            [ifNegative('TU_CHOI'), to('KY')],
            { agency: STP, department: 'HCTP' },
          ),
          task(
            'KY',
            'Lãnh đạo Sở Tư pháp ký bản sao',
            'agency_leader',
            2,
            ['approve', 'sign', 'return'],
            [to('BAN_HANH')],
          ),
          issue(1, 'TRA_KET_QUA'),
          returnResult(1, ONE_STOP),
          refuse(2),
        ],
      },
    },
  ],
  content: {
    name: 'Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh',
    fieldName: 'Hộ tịch',
    levels: ['Cấp tỉnh', 'Cấp xã'],
    procedureType: 'TTHC không được luật giao cho địa phương quy định',
    applicantTypes: ['Tổ chức (không bao gồm doanh nghiệp, HTX)', 'Công dân Việt Nam'],
    competentAgency: 'Cơ quan quản lý Cơ sở dữ liệu hộ tịch điện tử (Sở Tư pháp, Ủy ban nhân dân cấp xã)',
    implementingAgency: 'Cơ quan quản lý Cơ sở dữ liệu hộ tịch điện tử',
    coordinatingAgency: null,
    channels: (['direct', 'online', 'postal'] as const).map((c) =>
      channel(
        c,
        c === 'online'
          ? CIVIL_STATUS_LIMITS.online
          : {
              ...CIVIL_STATUS_LIMITS.counter,
              raw: 'Cổng Dịch vụ công quốc gia không ghi thời hạn. Giải quyết ngay trong ngày tiếp nhận; hồ sơ tiếp nhận sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo.',
            },
        [EXTRACT_COPY_FEE('Trích lục hộ tịch, bản sao Giấy khai sinh')],
        '',
        '8,000 VNĐ',
      ),
    ),
    documents: [
      doc({
        group: G_NOP,
        code: 'TK_YEU_CAU',
        name: 'Tờ khai đề nghị cấp bản sao Trích lục hộ tịch theo mẫu (cá nhân) hoặc văn bản yêu cầu nêu rõ lý do (cơ quan, tổ chức); nộp trực tuyến thì khai mẫu điện tử tương tác',
        count: [1, 0, 0],
        mustDigitise: true,
        // its name says so: online, the interactive e-form is the declaration
        providedByEform: true,
      }),
      doc({
        group: G_NOP,
        code: 'VB_UY_QUYEN',
        name: 'Văn bản ủy quyền theo quy định, khi ủy quyền yêu cầu cấp bản sao; không phải chứng thực nếu người được ủy quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột của người ủy quyền',
        count: [1, 0, 0],
        required: false,
        mustDigitise: true,
        satisfiedBy: ['2.000884'],
      }),
      identityDoc(G_XUAT_TRINH),
      residenceDoc(G_XUAT_TRINH),
    ],
    eform: {
      schema: {
        $schema: SCHEMA_2020,
        title: 'Tờ khai đề nghị cấp bản sao Trích lục hộ tịch',
        type: 'object',
        additionalProperties: false,
        properties: {
          loaiNguoiYeuCau: oneOf('Người yêu cầu là', ['ca_nhan', 'co_quan_to_chuc']),
          nguoiYeuCau: applicant(),
          coQuanToChuc: str('Tên cơ quan, tổ chức yêu cầu', { maxLength: 300 }),
          lyDo: str('Lý do yêu cầu', { maxLength: 1000 }),
          loaiGiayTo: oneOf('Loại giấy tờ đề nghị cấp bản sao', [
            'giay_khai_sinh',
            'trich_luc_ket_hon',
            'trich_luc_khai_tu',
            'trich_luc_hotich_khac',
          ]),
          nguoiDuocCap: object(
            'Người có thông tin hộ tịch được cấp bản sao',
            {
              hoTen: NAME('Họ, chữ đệm và tên'),
              ngaySinh: date('Ngày, tháng, năm sinh'),
              soDinhDanh: CCCD(),
            },
            ['hoTen', 'ngaySinh'],
          ),
          quanHe: oneOf('Quan hệ với người được cấp bản sao', [
            'ban_than',
            'cha_me',
            'vo_chong',
            'con',
            'anh_chi_em',
            'nguoi_dai_dien',
            'khac',
          ]),
          thongTinDangKy: object(
            'Thông tin đăng ký hộ tịch',
            {
              soDangKy: str('Số đăng ký', { maxLength: 50 }),
              ngayDangKy: date('Ngày đăng ký'),
              noiDangKy: str('Cơ quan đã đăng ký', { maxLength: 300 }),
            },
            ['noiDangKy'],
          ),
          soLuongBanSao: int('Số lượng bản sao', 1, 20),
        },
        required: [
          'loaiNguoiYeuCau',
          'nguoiYeuCau',
          'loaiGiayTo',
          'nguoiDuocCap',
          'quanHe',
          'thongTinDangKy',
          'soLuongBanSao',
        ],
        // an organisation must name itself and give its reason
        ...ifThen(
          {
            type: 'object',
            properties: { loaiNguoiYeuCau: { const: 'co_quan_to_chuc' } },
            required: ['loaiNguoiYeuCau'],
          },
          {
            type: 'object',
            properties: { coQuanToChuc: { type: 'string' }, lyDo: { type: 'string' } },
            required: ['coQuanToChuc', 'lyDo'],
          },
        ),
      },
      uiSchema: {
        'ui:order': [
          'loaiNguoiYeuCau',
          'nguoiYeuCau',
          'coQuanToChuc',
          'lyDo',
          'loaiGiayTo',
          'nguoiDuocCap',
          'quanHe',
          'thongTinDangKy',
          'soLuongBanSao',
        ],
        loaiNguoiYeuCau: { 'ui:widget': 'radio', 'ui:enumNames': ['Cá nhân', 'Cơ quan, tổ chức'] },
        nguoiYeuCau: APPLICANT_UI,
        coQuanToChuc: { 'ui:help': 'Chỉ điền khi cơ quan, tổ chức có thẩm quyền yêu cầu cấp bản sao.' },
        lyDo: { 'ui:widget': 'textarea', 'ui:help': 'Cơ quan, tổ chức phải nêu rõ lý do yêu cầu.' },
        loaiGiayTo: {
          'ui:widget': 'select',
          'ui:enumNames': [
            'Bản sao Giấy khai sinh',
            'Trích lục kết hôn',
            'Trích lục khai tử',
            'Trích lục hộ tịch khác',
          ],
        },
        nguoiDuocCap: { 'ui:order': ['hoTen', 'ngaySinh', 'soDinhDanh'], ngaySinh: { 'ui:widget': 'date' } },
        quanHe: {
          'ui:widget': 'select',
          'ui:enumNames': [
            'Bản thân',
            'Cha, mẹ',
            'Vợ, chồng',
            'Con',
            'Anh, chị, em',
            'Người đại diện',
            'Khác',
          ],
        },
        thongTinDangKy: {
          'ui:order': ['soDangKy', 'ngayDangKy', 'noiDangKy'],
          'ui:help':
            'Thông tin không đầy đủ, không chính xác, không tra cứu được thì cơ quan đăng ký hộ tịch từ chối.',
          ngayDangKy: { 'ui:widget': 'date' },
          noiDangKy: { 'ui:help': 'Ví dụ: Ủy ban nhân dân phường Hoàn Kiếm, Thành phố Hà Nội.' },
        },
        soLuongBanSao: { 'ui:widget': 'updown', 'ui:help': 'Phí 8.000 đồng mỗi bản sao.' },
      },
    },
    results: [
      {
        code: 'KQ.G15.000342',
        name: 'Bản sao Trích lục hộ tịch, bản sao Giấy khai sinh',
        paper: true,
        electronic: true,
      },
    ],
    onlineLevel: 'full',
    conditions:
      'Người yêu cầu không cung cấp đầy đủ hoặc cung cấp thông tin không chính xác, không tra cứu được thông tin thì cơ quan đăng ký hộ tịch từ chối giải quyết. Cơ quan, tổ chức có thẩm quyền yêu cầu cấp bản sao của cá nhân thì gửi văn bản nêu rõ lý do.',
    legalBasis: CIVIL_STATUS_LEGAL_BASIS,
    stepsText:
      '1. Người yêu cầu nộp hồ sơ tại Trung tâm Phục vụ hành chính công, qua bưu chính hoặc trực tuyến; nộp phí 8.000 đồng/bản sao.\n2. Cán bộ tiếp nhận kiểm tra, tiếp nhận (sau 15 giờ thì hẹn trả trong ngày làm việc tiếp theo), chuyển Sở Tư pháp hoặc Ủy ban nhân dân cấp xã có thẩm quyền.\n3. Công chức làm công tác hộ tịch thẩm tra, tra cứu Cơ sở dữ liệu hộ tịch điện tử; in bản sao trình Thủ trưởng cơ quan quản lý Cơ sở dữ liệu hộ tịch điện tử ký (hồ sơ trực tuyến: gửi biểu mẫu điện tử để xác nhận, tối đa một ngày).\n4. Trả kết quả cho người yêu cầu.',
    decisionNo: '163/QĐ-BTP',
    decisionDate: null,
    effectiveFrom: null,
  },
};
