/**
 * Đăng ký kết hôn (1.000894), at the commune. The law allows up to 05 working days when the
 * conditions must be verified; the catalogue keeps at most one row per channel, so this case is
 * stated in the limits' wording and the workflow's consult action, not as a separate limit.
 */
import type { DemoProcedure } from '../procedures.js';
import {
  AUTHORISATION,
  CIVIL_STATUS_LEGAL_BASIS,
  CIVIL_STATUS_LIMITS,
  communeSameDayWorkflow,
  EXTRACT_COPY_FEE,
  G_NOP,
  G_XUAT_TRINH,
} from './civil-common.js';
import {
  ADDRESS_UI,
  address,
  CCCD,
  channel,
  date,
  doc,
  feeFree,
  identityDoc,
  int,
  NAME,
  object,
  oneOf,
  residenceDoc,
  SCHEMA_2020,
  str,
} from './common.js';

// ---------------------------------------------------------------------------------------------

const SPOUSE = (title: string) =>
  object(
    title,
    {
      hoTen: NAME('Họ, chữ đệm và tên'),
      ngaySinh: date('Ngày, tháng, năm sinh'),
      soDinhDanh: CCCD(),
      danToc: str('Dân tộc', { maxLength: 50 }),
      quocTich: str('Quốc tịch', { maxLength: 50 }),
      noiCuTru: address('Nơi cư trú'),
      tinhTrangHonNhan: oneOf('Tình trạng hôn nhân', ['chua_ket_hon', 'da_ly_hon', 'vo_chong_da_chet']),
    },
    ['hoTen', 'ngaySinh', 'soDinhDanh', 'danToc', 'quocTich', 'noiCuTru', 'tinhTrangHonNhan'],
  );

const SPOUSE_UI = {
  'ui:order': ['hoTen', 'ngaySinh', 'soDinhDanh', 'danToc', 'quocTich', 'noiCuTru', 'tinhTrangHonNhan'],
  ngaySinh: { 'ui:widget': 'date' },
  soDinhDanh: {
    'ui:help':
      'Tình trạng hôn nhân được tra cứu trong Cơ sở dữ liệu hộ tịch điện tử, Cơ sở dữ liệu quốc gia về dân cư.',
  },
  noiCuTru: ADDRESS_UI,
  tinhTrangHonNhan: {
    'ui:widget': 'radio',
    'ui:enumNames': ['Chưa kết hôn', 'Đã ly hôn hoặc hủy việc kết hôn', 'Vợ hoặc chồng đã chết'],
  },
};

const VERIFICATION =
  'Trường hợp cần xác minh điều kiện kết hôn: không quá 05 ngày làm việc (khoản 2 Điều 18 Luật Hộ tịch).';

export const MARRIAGE: DemoProcedure = {
  code: '1.000894',
  implementedBy: { communes: 'all', provincial: [] },
  workflows: [
    {
      agency: 'commune',
      definition: communeSameDayWorkflow(
        'Thẩm tra hồ sơ, tra cứu tình trạng hôn nhân, điều kiện kết hôn; ghi Sổ đăng ký kết hôn, cập nhật Phần mềm đăng ký, quản lý hộ tịch điện tử dùng chung; in Giấy chứng nhận kết hôn',
        'Lãnh đạo Ủy ban nhân dân xã ký Giấy chứng nhận kết hôn',
        true,
      ),
    },
  ],
  content: {
    name: 'Thủ tục đăng ký kết hôn',
    fieldName: 'Hộ tịch',
    levels: ['Cấp xã'],
    procedureType: 'TTHC được giao luật quy định chi tiết',
    applicantTypes: ['Công dân Việt Nam'],
    competentAgency: 'Ủy ban nhân dân xã, phường, đặc khu',
    implementingAgency: 'Ủy ban nhân dân xã, phường, đặc khu',
    coordinatingAgency: null,
    channels: (['direct', 'online', 'postal'] as const).map((c) => {
      const limit = c === 'online' ? CIVIL_STATUS_LIMITS.online : CIVIL_STATUS_LIMITS.counter;
      return channel(
        c,
        { ...limit, raw: `${limit.raw} ${VERIFICATION}` },
        [feeFree('Lệ phí đăng ký kết hôn', 'Miễn lệ phí.'), EXTRACT_COPY_FEE('Trích lục kết hôn')],
        '',
        'Miễn phí (Miễn lệ phí. Phí cấp bản sao Trích lục kết hôn (nếu có yêu cầu) thực hiện theo Thông tư 281/2016/TT-BTC.)',
      );
    }),
    documents: [
      doc({
        group: G_NOP,
        code: 'TK_KET_HON',
        name: 'Tờ khai đăng ký kết hôn theo mẫu, có đủ thông tin của hai bên nam, nữ (hai bên có thể khai chung một tờ khai); nộp trực tuyến thì khai Mẫu hộ tịch điện tử tương tác đăng ký kết hôn',
        count: [1, 0, 0],
        mustDigitise: true,
        // its name says so: online, the interactive e-form is the declaration
        providedByEform: true,
      }),
      AUTHORISATION(G_NOP),
      identityDoc(G_XUAT_TRINH),
      residenceDoc(G_XUAT_TRINH),
      doc({
        group: G_XUAT_TRINH,
        code: 'BAN_SAO_CHUNG_THUC_BUU_CHINH',
        name: 'Bản sao có chứng thực các giấy tờ phải xuất trình, khi gửi hồ sơ qua hệ thống bưu chính',
        count: [0, 1, 0],
        required: false,
        satisfiedBy: ['2.000815'],
      }),
      doc({
        group: 'Trường hợp đã ly hôn, hủy việc kết hôn tại cơ quan có thẩm quyền nước ngoài',
        code: 'GHI_CHU_LY_HON',
        name: 'Việc ly hôn, hủy việc kết hôn đã được ghi vào Sổ hộ tịch: cơ quan đăng ký hộ tịch tra cứu trong Cơ sở dữ liệu hộ tịch điện tử; chưa ghi thì người yêu cầu làm thủ tục ghi vào Sổ hộ tịch trước khi đăng ký kết hôn',
        count: [0, 0, 0],
        nationalData: 'civil_status',
        satisfiedBy: ['2.000554'],
      }),
    ],
    eform: {
      schema: {
        $schema: SCHEMA_2020,
        title: 'Tờ khai đăng ký kết hôn',
        type: 'object',
        additionalProperties: false,
        properties: {
          benNam: SPOUSE('Bên nam'),
          benNu: SPOUSE('Bên nữ'),
          soDienThoai: str('Số điện thoại liên hệ', { pattern: '^0[0-9]{9}$' }),
          soBanSaoTrichLuc: int('Số bản sao Trích lục kết hôn đề nghị cấp', 0, 20),
          camDoan: {
            type: 'boolean',
            const: true,
            title:
              'Chúng tôi cam đoan việc kết hôn là tự nguyện, đủ điều kiện kết hôn theo Luật Hôn nhân và gia đình và những lời khai trên là đúng sự thật',
          },
        },
        required: ['benNam', 'benNu', 'soDienThoai', 'camDoan'],
      },
      uiSchema: {
        'ui:order': ['benNam', 'benNu', 'soDienThoai', 'soBanSaoTrichLuc', 'camDoan'],
        benNam: SPOUSE_UI,
        benNu: SPOUSE_UI,
        soDienThoai: {
          'ui:help': 'Để nhận tin nhắn hẹn ngày hai bên có mặt ký Sổ và nhận Giấy chứng nhận kết hôn.',
        },
        soBanSaoTrichLuc: { 'ui:widget': 'updown', 'ui:help': 'Phí 8.000 đồng mỗi bản sao.' },
        camDoan: { 'ui:widget': 'checkbox' },
      },
    },
    results: [
      {
        code: 'KQ.G15.000032',
        name: 'Giấy chứng nhận kết hôn (mỗi bên một bản chính)',
        paper: true,
        electronic: true,
      },
    ],
    onlineLevel: 'partial',
    conditions:
      'Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi; việc kết hôn do nam và nữ tự nguyện quyết định; không bị mất năng lực hành vi dân sự; không thuộc các trường hợp cấm kết hôn (Điều 8 và điểm a, b, c, d khoản 2 Điều 5 Luật Hôn nhân và gia đình). Hai bên nam, nữ phải có mặt, xuất trình giấy tờ tùy thân, ký vào Sổ đăng ký kết hôn và Giấy chứng nhận kết hôn. Trường hợp cần xác minh điều kiện kết hôn thì thời hạn không quá 05 ngày làm việc.',
    legalBasis: [...CIVIL_STATUS_LEGAL_BASIS, { number: '52/2014/QH13', title: 'Luật Hôn nhân và gia đình' }],
    stepsText:
      '1. Người yêu cầu nộp hồ sơ tại Trung tâm Phục vụ hành chính công, qua bưu chính hoặc trực tuyến (mẫu hộ tịch điện tử tương tác).\n2. Cán bộ tiếp nhận kiểm tra, tiếp nhận, cấp Phiếu hẹn và chuyển công chức tư pháp - hộ tịch; hồ sơ chưa đủ thì hướng dẫn bổ sung một lần.\n3. Công chức tư pháp - hộ tịch thẩm tra hồ sơ, tra cứu tình trạng hôn nhân trong Cơ sở dữ liệu hộ tịch điện tử, Cơ sở dữ liệu quốc gia về dân cư; không tra cứu được thì đề nghị Ủy ban nhân dân cấp xã nơi thường trú hoặc nơi đã đăng ký kết hôn xác minh (trả lời trong 03 ngày làm việc).\n4. Đủ điều kiện thì ghi Sổ đăng ký kết hôn, cập nhật phần mềm hộ tịch (hồ sơ trực tuyến: gửi biểu mẫu Giấy chứng nhận kết hôn điện tử để xác nhận, tối đa một ngày), in Giấy chứng nhận kết hôn trình Lãnh đạo Ủy ban nhân dân xã ký.\n5. Hai bên nam, nữ có mặt kiểm tra thông tin, khẳng định sự tự nguyện, ký Sổ và Giấy chứng nhận kết hôn; mỗi bên nhận một bản chính.',
    decisionNo: '163/QĐ-BTP',
    decisionDate: null,
    effectiveFrom: null,
  },
};
