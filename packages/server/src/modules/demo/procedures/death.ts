/**
 * Đăng ký khai tử (1.000656), at the commune. On-time registration is free; the fee for the other
 * cases is set by the provincial People's Council and has no amount here.
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
  ADDRESS_UI,
  APPLICANT_UI,
  address,
  applicant,
  CCCD,
  channel,
  date,
  doc,
  feeCouncil,
  feeFree,
  identityDoc,
  int,
  NAME,
  object,
  oneOf,
  residenceDoc,
  SCHEMA_2020,
  SEX,
  SEX_UI,
  str,
} from './common.js';

const DEATH_FEE_TEXT =
  'Miễn lệ phí đối với đăng ký khai tử đúng hạn, người thuộc gia đình có công với cách mạng, người thuộc hộ nghèo, người khuyết tật. Các trường hợp khác: mức lệ phí do Hội đồng nhân dân tỉnh, thành phố trực thuộc Trung ương quyết định.';

export const DEATH: DemoProcedure = {
  code: '1.000656',
  implementedBy: { communes: 'all', provincial: [] },
  workflows: [
    {
      agency: 'commune',
      definition: communeSameDayWorkflow(
        'Thẩm tra hồ sơ; ghi Sổ đăng ký khai tử, cập nhật Phần mềm đăng ký, quản lý hộ tịch điện tử dùng chung; in Trích lục khai tử',
        'Lãnh đạo Ủy ban nhân dân xã ký Trích lục khai tử',
      ),
    },
  ],
  content: {
    name: 'Thủ tục đăng ký khai tử',
    fieldName: 'Hộ tịch',
    levels: ['Cấp xã'],
    procedureType: 'TTHC được giao luật quy định chi tiết',
    applicantTypes: ['Công dân Việt Nam'],
    competentAgency: 'Ủy ban nhân dân xã, phường, đặc khu',
    implementingAgency: 'Ủy ban nhân dân xã, phường, đặc khu',
    coordinatingAgency: null,
    channels: (['direct', 'online', 'postal'] as const).map((c) =>
      channel(
        c,
        c === 'online' ? CIVIL_STATUS_LIMITS.online : CIVIL_STATUS_LIMITS.counter,
        [
          feeFree(
            'Lệ phí đăng ký khai tử đúng hạn',
            'Miễn lệ phí đối với đăng ký khai tử trong thời hạn 15 ngày.',
          ),
          feeCouncil('Lệ phí đăng ký khai tử (các trường hợp không được miễn)', DEATH_FEE_TEXT),
          EXTRACT_COPY_FEE('Trích lục khai tử'),
        ],
        'Người thuộc gia đình có công với cách mạng, hộ nghèo, người khuyết tật được miễn lệ phí.',
        `Miễn phí (Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh, thành phố trực thuộc Trung ương quyết định. ${DEATH_FEE_TEXT} Phí cấp bản sao Trích lục khai tử (nếu có yêu cầu) theo Thông tư 281/2016/TT-BTC.)`,
      ),
    ),
    documents: [
      doc({
        group: G_NOP,
        code: 'TK_KHAI_TU',
        name: 'Tờ khai đăng ký khai tử theo mẫu (nộp trực tiếp hoặc qua bưu chính); nộp trực tuyến thì khai Mẫu hộ tịch điện tử tương tác đăng ký khai tử',
        count: [1, 0, 0],
        mustDigitise: true,
        // its name says so: online, the interactive e-form is the declaration
        providedByEform: true,
      }),
      doc({
        group: G_NOP,
        code: 'GIAY_BAO_TU',
        name: 'Giấy báo tử hoặc giấy tờ thay Giấy báo tử do cơ quan có thẩm quyền cấp; không phải nộp bản giấy nếu đã nộp bản điện tử hoặc cơ quan đăng ký hộ tịch khai thác được dữ liệu điện tử có ký số của Giấy báo tử',
        count: [1, 0, 0],
        mustDigitise: true,
      }),
      doc({
        group: G_NOP,
        code: 'VB_UY_QUYEN',
        name: 'Văn bản ủy quyền được chứng thực, khi ủy quyền đăng ký khai tử; không phải chứng thực nếu người được ủy quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột của người ủy quyền',
        count: [1, 0, 0],
        required: false,
        mustDigitise: true,
        satisfiedBy: ['2.000884'],
      }),
      doc({
        group: 'Trường hợp người chết đã lâu, không có Giấy báo tử hoặc giấy tờ thay thế',
        code: 'CHUNG_CU_SU_KIEN_CHET',
        name: 'Giấy tờ, tài liệu, chứng cứ do cơ quan, tổ chức có thẩm quyền cấp hoặc xác nhận hợp lệ chứng minh sự kiện chết',
        count: [1, 0, 0],
        mustDigitise: true,
      }),
      identityDoc(G_XUAT_TRINH),
      residenceDoc(G_XUAT_TRINH, 'CU_TRU_CUOI_CUNG'),
      doc({
        group: G_XUAT_TRINH,
        code: 'NOI_CHET',
        name: 'Giấy tờ chứng minh nơi người đó chết hoặc nơi phát hiện thi thể, khi không xác định được nơi cư trú cuối cùng của người chết',
        count: [1, 0, 0],
        required: false,
      }),
    ],
    eform: {
      schema: {
        $schema: SCHEMA_2020,
        title: 'Tờ khai đăng ký khai tử',
        type: 'object',
        additionalProperties: false,
        properties: {
          nguoiYeuCau: applicant(),
          quanHeVoiNguoiChet: oneOf('Quan hệ với người chết', [
            'vo_chong',
            'con',
            'cha_me',
            'nguoi_than_thich',
            'dai_dien_co_quan_to_chuc',
          ]),
          nguoiChet: object(
            'Thông tin người chết',
            {
              hoTen: NAME('Họ, chữ đệm và tên'),
              gioiTinh: SEX,
              ngaySinh: date('Ngày, tháng, năm sinh'),
              soDinhDanh: CCCD(),
              danToc: str('Dân tộc', { maxLength: 50 }),
              quocTich: str('Quốc tịch', { maxLength: 50 }),
              noiCuTruCuoiCung: address('Nơi cư trú cuối cùng'),
              ngayChet: date('Ngày chết'),
              gioChet: str('Giờ, phút chết', { pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }),
              noiChet: str('Nơi chết', { maxLength: 300 }),
              nguyenNhanChet: str('Nguyên nhân chết', { maxLength: 300 }),
            },
            ['hoTen', 'gioiTinh', 'ngaySinh', 'quocTich', 'ngayChet', 'noiChet'],
          ),
          giayBaoTu: object(
            'Giấy báo tử hoặc giấy tờ thay thế',
            {
              so: str('Số', { maxLength: 50 }),
              ngayCap: date('Ngày cấp'),
              coQuanCap: str('Cơ quan cấp', { maxLength: 200 }),
            },
            ['ngayCap', 'coQuanCap'],
          ),
          soBanSaoTrichLuc: int('Số bản sao Trích lục khai tử đề nghị cấp', 0, 20),
        },
        required: ['nguoiYeuCau', 'quanHeVoiNguoiChet', 'nguoiChet'],
      },
      uiSchema: {
        'ui:order': ['nguoiYeuCau', 'quanHeVoiNguoiChet', 'nguoiChet', 'giayBaoTu', 'soBanSaoTrichLuc'],
        nguoiYeuCau: APPLICANT_UI,
        quanHeVoiNguoiChet: {
          'ui:widget': 'select',
          'ui:enumNames': [
            'Vợ, chồng',
            'Con',
            'Cha, mẹ',
            'Người thân thích khác',
            'Đại diện cơ quan, tổ chức',
          ],
        },
        nguoiChet: {
          'ui:order': [
            'hoTen',
            'gioiTinh',
            'ngaySinh',
            'soDinhDanh',
            'danToc',
            'quocTich',
            'noiCuTruCuoiCung',
            'ngayChet',
            'gioChet',
            'noiChet',
            'nguyenNhanChet',
          ],
          gioiTinh: SEX_UI,
          ngaySinh: { 'ui:widget': 'date' },
          ngayChet: {
            'ui:widget': 'date',
            'ui:help': 'Đăng ký trong 15 ngày kể từ ngày chết thì được miễn lệ phí.',
          },
          gioChet: { 'ui:placeholder': 'hh:mm', 'ui:help': 'Theo Giấy báo tử, ví dụ 14:30.' },
          noiCuTruCuoiCung: ADDRESS_UI,
        },
        giayBaoTu: {
          'ui:order': ['so', 'ngayCap', 'coQuanCap'],
          'ui:help':
            'Bỏ trống nếu người chết đã lâu, không có Giấy báo tử; nộp giấy tờ chứng minh sự kiện chết.',
          ngayCap: { 'ui:widget': 'date' },
        },
        soBanSaoTrichLuc: { 'ui:widget': 'updown', 'ui:help': 'Phí 8.000 đồng mỗi bản sao.' },
      },
    },
    results: [
      {
        code: 'KQ.G15.000034',
        name: 'Trích lục khai tử (bản chính, bản điện tử)',
        paper: true,
        electronic: true,
      },
    ],
    onlineLevel: 'full',
    conditions:
      'Trong thời hạn 15 ngày kể từ ngày có người chết, vợ, chồng hoặc con, cha, mẹ hoặc người thân thích khác có trách nhiệm đi đăng ký khai tử; người chết không có người thân thích thì đại diện cơ quan, tổ chức, cá nhân liên quan đi khai tử.',
    legalBasis: CIVIL_STATUS_LEGAL_BASIS,
    stepsText:
      '1. Người yêu cầu nộp hồ sơ tại Trung tâm Phục vụ hành chính công, qua bưu chính hoặc trực tuyến; nộp lệ phí nếu thuộc trường hợp phải nộp, phí cấp bản sao Trích lục khai tử nếu có yêu cầu.\n2. Cán bộ tiếp nhận kiểm tra, tiếp nhận (sau 15 giờ thì hẹn trả trong ngày làm việc tiếp theo), chuyển công chức tư pháp - hộ tịch; hồ sơ chưa đủ thì hướng dẫn bổ sung một lần.\n3. Công chức tư pháp - hộ tịch thẩm tra; đúng quy định thì ghi Sổ đăng ký khai tử, cập nhật phần mềm hộ tịch (hồ sơ trực tuyến: gửi biểu mẫu Trích lục khai tử điện tử để xác nhận, tối đa một ngày).\n4. In Trích lục khai tử trình Lãnh đạo Ủy ban nhân dân xã ký; trả kết quả.',
    decisionNo: '163/QĐ-BTP',
    decisionDate: null,
    effectiveFrom: null,
  },
};
