/** Đăng ký khai sinh (1.001193), at the commune. Limits and fees: civil-common.ts. */
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
  APPLICANT_UI,
  address,
  applicant,
  bool,
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
  SEX,
  SEX_UI,
  str,
} from './common.js';

const PARENT = (title: string) =>
  object(
    title,
    {
      hoTen: NAME('Họ, chữ đệm và tên'),
      ngaySinh: date('Ngày, tháng, năm sinh'),
      soDinhDanh: CCCD(),
      danToc: str('Dân tộc', { maxLength: 50 }),
      quocTich: str('Quốc tịch', { maxLength: 50 }),
      noiCuTru: address('Nơi cư trú'),
    },
    ['hoTen', 'ngaySinh', 'danToc', 'quocTich'],
  );

const PARENT_UI = {
  'ui:order': ['hoTen', 'ngaySinh', 'soDinhDanh', 'danToc', 'quocTich', 'noiCuTru'],
  ngaySinh: { 'ui:widget': 'date' },
  soDinhDanh: { 'ui:help': 'Bỏ trống nếu là người nước ngoài hoặc chưa được cấp số định danh cá nhân.' },
  noiCuTru: ADDRESS_UI,
};

// ---------------------------------------------------------------------------------------------

export const BIRTH: DemoProcedure = {
  code: '1.001193',
  implementedBy: { communes: 'all', provincial: [] },
  workflows: [
    {
      agency: 'commune',
      definition: communeSameDayWorkflow(
        'Thẩm tra hồ sơ; ghi Sổ đăng ký khai sinh, cập nhật Phần mềm đăng ký, quản lý hộ tịch điện tử dùng chung, lấy số định danh cá nhân; in Giấy khai sinh',
        'Lãnh đạo Ủy ban nhân dân xã ký Giấy khai sinh',
      ),
    },
  ],
  content: {
    name: 'Thủ tục đăng ký khai sinh',
    fieldName: 'Hộ tịch',
    levels: ['Cấp xã'],
    procedureType: 'TTHC được giao luật quy định chi tiết',
    applicantTypes: ['Công dân Việt Nam', 'Người Việt Nam định cư ở nước ngoài'],
    competentAgency: 'Ủy ban nhân dân cấp xã',
    implementingAgency: 'Ủy ban nhân dân cấp xã',
    coordinatingAgency: null,
    channels: (['direct', 'online', 'postal'] as const).map((c) =>
      channel(
        c,
        c === 'online' ? CIVIL_STATUS_LIMITS.online : CIVIL_STATUS_LIMITS.counter,
        [feeFree('Lệ phí đăng ký khai sinh', 'Miễn lệ phí.'), EXTRACT_COPY_FEE('Giấy khai sinh')],
        '',
        'Miễn phí',
      ),
    ),
    documents: [
      doc({
        group: G_NOP,
        code: 'TK_KHAI_SINH',
        name: 'Tờ khai đăng ký khai sinh theo mẫu (nộp trực tiếp hoặc qua bưu chính); nộp trực tuyến thì khai Mẫu hộ tịch điện tử tương tác đăng ký khai sinh trên Cổng Dịch vụ công',
        count: [1, 0, 0],
        mustDigitise: true,
        // its name says so: online, the interactive e-form is the declaration
        providedByEform: true,
      }),
      doc({
        group: G_NOP,
        code: 'GIAY_CHUNG_SINH',
        name: 'Giấy chứng sinh; không có Giấy chứng sinh thì văn bản của người làm chứng xác nhận về việc sinh; không có người làm chứng thì giấy cam đoan về việc sinh. Không phải nộp bản giấy nếu đã nộp bản điện tử hoặc cơ quan đăng ký hộ tịch khai thác được dữ liệu điện tử có ký số của Giấy chứng sinh',
        count: [1, 0, 0],
        mustDigitise: true,
      }),
      AUTHORISATION(G_NOP),
      doc({
        group: 'Trường hợp trẻ em bị bỏ rơi',
        code: 'BB_TRE_BO_ROI',
        name: 'Biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập',
        count: [1, 0, 0],
        mustDigitise: true,
      }),
      doc({
        group: 'Trường hợp trẻ em sinh ra do mang thai hộ',
        code: 'XN_MANG_THAI_HO',
        name: 'Văn bản xác nhận của cơ sở y tế đã thực hiện kỹ thuật hỗ trợ sinh sản cho việc mang thai hộ',
        count: [1, 0, 0],
        mustDigitise: true,
      }),
      identityDoc(G_XUAT_TRINH),
      residenceDoc(G_XUAT_TRINH),
      doc({
        group: G_XUAT_TRINH,
        code: 'GCN_KET_HON_CHA_ME',
        name: 'Thông tin về Giấy chứng nhận kết hôn của cha, mẹ trẻ (nếu đã đăng ký kết hôn): cơ quan đăng ký hộ tịch tra cứu, xác thực trong Cơ sở dữ liệu hộ tịch điện tử, Cơ sở dữ liệu quốc gia về dân cư',
        count: [0, 0, 0],
        required: false,
        nationalData: 'civil_status',
        satisfiedBy: ['1.000894'],
      }),
    ],
    eform: {
      schema: {
        $schema: SCHEMA_2020,
        title: 'Tờ khai đăng ký khai sinh',
        type: 'object',
        additionalProperties: false,
        properties: {
          nguoiYeuCau: applicant(),
          quanHeVoiTre: oneOf('Quan hệ với người được khai sinh', [
            'cha',
            'me',
            'ong',
            'ba',
            'nguoi_than_thich',
            'nguoi_nuoi_duong',
          ]),
          tre: object(
            'Thông tin của trẻ',
            {
              hoTen: NAME('Họ, chữ đệm và tên'),
              gioiTinh: SEX,
              ngaySinh: date('Ngày, tháng, năm sinh'),
              noiSinh: object(
                'Nơi sinh',
                {
                  loai: oneOf('Loại nơi sinh', ['co_so_y_te', 'ngoai_co_so_y_te']),
                  tenCoSoYTe: str('Tên cơ sở y tế', { maxLength: 200 }),
                  diaChi: address('Địa chỉ nơi sinh'),
                },
                ['loai', 'diaChi'],
              ),
              danToc: str('Dân tộc', { maxLength: 50 }),
              quocTich: str('Quốc tịch', { maxLength: 50 }),
              queQuan: str('Quê quán', { maxLength: 200 }),
            },
            ['hoTen', 'gioiTinh', 'ngaySinh', 'noiSinh', 'danToc', 'quocTich'],
          ),
          me: PARENT('Thông tin của mẹ'),
          cha: PARENT('Thông tin của cha'),
          chaMeDaDangKyKetHon: bool('Cha, mẹ đã đăng ký kết hôn'),
          giayChungSinh: object(
            'Giấy chứng sinh',
            {
              so: str('Số', { maxLength: 50 }),
              ngayCap: date('Ngày cấp'),
              noiCap: str('Cơ sở y tế cấp', { maxLength: 200 }),
            },
            ['so', 'ngayCap', 'noiCap'],
          ),
          soBanSao: int('Số bản sao Giấy khai sinh đề nghị cấp', 0, 20),
        },
        required: ['nguoiYeuCau', 'quanHeVoiTre', 'tre', 'soBanSao'],
      },
      uiSchema: {
        'ui:order': [
          'nguoiYeuCau',
          'quanHeVoiTre',
          'tre',
          'me',
          'cha',
          'chaMeDaDangKyKetHon',
          'giayChungSinh',
          'soBanSao',
        ],
        nguoiYeuCau: APPLICANT_UI,
        quanHeVoiTre: {
          'ui:widget': 'select',
          'ui:enumNames': [
            'Cha',
            'Mẹ',
            'Ông',
            'Bà',
            'Người thân thích khác',
            'Cá nhân, tổ chức đang nuôi dưỡng trẻ',
          ],
          'ui:help':
            'Ông, bà hoặc người thân thích khác đi đăng ký thì không cần văn bản ủy quyền của cha, mẹ.',
        },
        tre: {
          'ui:order': ['hoTen', 'gioiTinh', 'ngaySinh', 'noiSinh', 'danToc', 'quocTich', 'queQuan'],
          hoTen: {
            'ui:help': 'Đặt tên phù hợp pháp luật, bản sắc dân tộc; không đặt tên quá dài, khó sử dụng.',
          },
          gioiTinh: SEX_UI,
          ngaySinh: { 'ui:widget': 'date' },
          noiSinh: {
            'ui:order': ['loai', 'tenCoSoYTe', 'diaChi'],
            loai: { 'ui:widget': 'radio', 'ui:enumNames': ['Tại cơ sở y tế', 'Ngoài cơ sở y tế'] },
            diaChi: ADDRESS_UI,
          },
          queQuan: { 'ui:help': 'Theo quê quán của cha hoặc mẹ, do cha mẹ thỏa thuận hoặc theo tập quán.' },
        },
        me: PARENT_UI,
        cha: { ...PARENT_UI, 'ui:help': 'Bỏ trống nếu chưa xác định được cha; phần ghi về cha để trống.' },
        chaMeDaDangKyKetHon: {
          'ui:help':
            'Cơ quan đăng ký hộ tịch tự tra cứu Giấy chứng nhận kết hôn trong Cơ sở dữ liệu hộ tịch điện tử.',
        },
        giayChungSinh: {
          'ui:order': ['so', 'ngayCap', 'noiCap'],
          'ui:help':
            'Bỏ trống nếu không có Giấy chứng sinh; khi đó nộp văn bản của người làm chứng hoặc giấy cam đoan về việc sinh.',
          ngayCap: { 'ui:widget': 'date' },
        },
        soBanSao: { 'ui:widget': 'updown', 'ui:help': 'Phí 8.000 đồng mỗi bản sao.' },
      },
    },
    results: [
      {
        code: 'KQ.G15.000031',
        name: 'Giấy khai sinh (bản chính, bản điện tử)',
        paper: true,
        electronic: true,
      },
    ],
    onlineLevel: 'full',
    conditions:
      'Trong thời hạn 60 ngày kể từ ngày sinh con, cha hoặc mẹ có trách nhiệm đăng ký khai sinh cho con; cha, mẹ không thể đăng ký thì ông, bà, người thân thích khác hoặc cá nhân, tổ chức đang nuôi dưỡng trẻ em đăng ký. Cá nhân được lựa chọn cơ quan đăng ký hộ tịch nơi cư trú. Cơ quan đăng ký hộ tịch từ chối hoặc đề nghị hủy kết quả nếu có cơ sở xác định nội dung cam đoan không đúng sự thật, giấy tờ bị tẩy xóa, sửa chữa, làm giả.',
    legalBasis: CIVIL_STATUS_LEGAL_BASIS,
    stepsText:
      '1. Người yêu cầu nộp hồ sơ tại Trung tâm Phục vụ hành chính công, qua bưu chính, hoặc trực tuyến trên Cổng Dịch vụ công quốc gia, Ứng dụng định danh quốc gia (khai mẫu hộ tịch điện tử tương tác, đính kèm bản chụp giấy tờ, nộp phí trực tuyến).\n2. Cán bộ tiếp nhận kiểm tra hồ sơ: đủ, hợp lệ thì tiếp nhận, cấp Phiếu hẹn (tiếp nhận sau 15 giờ thì hẹn trả trong ngày làm việc tiếp theo) và chuyển công chức tư pháp - hộ tịch; chưa đủ thì hướng dẫn bổ sung một lần; không bổ sung được thì từ chối.\n3. Công chức tư pháp - hộ tịch thẩm tra hồ sơ; đúng quy định thì ghi Sổ đăng ký khai sinh, cập nhật Phần mềm đăng ký, quản lý hộ tịch điện tử dùng chung và chuyển Cơ sở dữ liệu quốc gia về dân cư để lấy số định danh cá nhân. Hồ sơ trực tuyến: gửi biểu mẫu Giấy khai sinh điện tử để người yêu cầu xác nhận (tối đa một ngày).\n4. In Giấy khai sinh, bản sao, bản điện tử; Lãnh đạo Ủy ban nhân dân xã ký; trả kết quả cho người yêu cầu.',
    decisionNo: '163/QĐ-BTP',
    decisionDate: null,
    effectiveFrom: null,
  },
};
