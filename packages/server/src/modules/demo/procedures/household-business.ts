/**
 * Đăng ký thành lập hộ kinh doanh (1.001612): since 1 July 2025 at the commune's business
 * registration office (Nghị định 168/2025/NĐ-CP). The national record has no time-limit cell;
 * its steps give 03 working days from receipt. The fee is council-set (Thông tư 85/2019/TT-BTC);
 * the record shows 50.000 / 150.000 đồng as published heads, not Hà Nội's amount, so the
 * amount stays null and the text keeps what the record says.
 */
import type { LegalBasisItem } from '@motcua/core';
import type { DemoProcedure } from '../procedures.js';
import {
  ADDRESS_UI,
  address,
  CCCD,
  COMMUNE_ECONOMY_DEPT,
  channel,
  date,
  doc,
  EMAIL,
  feeCouncil,
  ifNegative,
  int,
  issue,
  NAME,
  object,
  oneOf,
  PHONE,
  receive,
  returnResult,
  SCHEMA_2020,
  SEX,
  SEX_UI,
  str,
  task,
  to,
  workingDays,
} from './common.js';

const FEE_TEXT =
  'Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định (Thông tư 85/2019/TT-BTC). Nộp tại thời điểm nộp hồ sơ: trực tiếp tại bộ phận tiếp nhận ở cấp xã, chuyển khoản vào tài khoản của cơ quan đăng ký kinh doanh cấp xã hoặc thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia. Không hoàn trả khi không được cấp đăng ký; không bao gồm tiền dịch vụ thanh toán điện tử.';

const LEGAL_BASIS: LegalBasisItem[] = [
  { number: '59/2020/QH14', title: 'Luật Doanh nghiệp' },
  { number: '76/2025/QH15', title: 'Luật sửa đổi, bổ sung một số điều của Luật Doanh nghiệp' },
  { number: '168/2025/NĐ-CP', title: 'Nghị định về đăng ký doanh nghiệp' },
  {
    number: '68/2025/TT-BTC',
    title: 'Thông tư ban hành biểu mẫu sử dụng trong đăng ký doanh nghiệp, đăng ký hộ kinh doanh',
  },
  {
    number: '85/2019/TT-BTC',
    title:
      'Thông tư hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của Hội đồng nhân dân tỉnh, thành phố trực thuộc Trung ương',
  },
];

const G_HO_SO = 'Hồ sơ đăng ký thành lập hộ kinh doanh';
const G_HO_GIA_DINH = 'Trường hợp các thành viên hộ gia đình đăng ký thành lập hộ kinh doanh';
const G_UY_QUYEN = 'Trường hợp ủy quyền thực hiện thủ tục (một trong các giấy tờ sau)';

const ECON = { department: COMMUNE_ECONOMY_DEPT };

export const HOUSEHOLD_BUSINESS: DemoProcedure = {
  code: '1.001612',
  implementedBy: { communes: 'all', provincial: [] },
  workflows: [
    {
      agency: 'commune',
      definition: {
        start: 'TIEP_NHAN',
        steps: [
          receive(2, 'THAM_DINH'),
          task(
            'THAM_DINH',
            'Kiểm tra điều kiện cấp Giấy chứng nhận đăng ký hộ kinh doanh (khoản 2 Điều 85 Nghị định 168/2025/NĐ-CP): tên hộ kinh doanh, ngành, nghề, hồ sơ hợp lệ',
            'specialist',
            10,
            ['forward', 'return', 'request_supplement'],
            [ifNegative('TU_CHOI'), to('KY')],
            ECON,
          ),
          task(
            'KY',
            'Trưởng phòng cơ quan đăng ký kinh doanh cấp xã ký Giấy chứng nhận đăng ký hộ kinh doanh',
            'department_head',
            6,
            ['approve', 'sign', 'return'],
            [to('BAN_HANH')],
            ECON,
          ),
          issue(
            2,
            'TRA_KET_QUA',
            'Cấp mã số hộ kinh doanh, ban hành Giấy chứng nhận, gửi thông tin cho cơ quan thuế',
          ),
          returnResult(4),
          task(
            'TU_CHOI',
            'Thông báo bằng văn bản nội dung cần sửa đổi, bổ sung hoặc lý do từ chối đăng ký hộ kinh doanh',
            'department_head',
            4,
            ['refuse', 'sign', 'return'],
            [],
            { ...ECON, end: 'refusal' },
          ),
        ],
      },
    },
  ],
  content: {
    name: 'Đăng ký thành lập hộ kinh doanh',
    fieldName: 'Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)',
    levels: ['Cấp bộ', 'Cấp xã'],
    procedureType: 'TTHC được giao luật quy định chi tiết',
    applicantTypes: ['Tổ chức (không bao gồm doanh nghiệp, HTX)', 'Công dân Việt Nam'],
    competentAgency: 'Cơ quan đăng ký kinh doanh cấp xã',
    implementingAgency:
      'Cơ quan đăng ký kinh doanh cấp xã (Phòng Kinh tế hoặc Phòng Kinh tế, Hạ tầng và Đô thị)',
    coordinatingAgency: 'Cơ quan thuế quản lý trực tiếp hộ kinh doanh',
    channels: (['direct', 'online', 'postal'] as const).map((c) =>
      channel(
        c,
        workingDays(
          3,
          'Cổng Dịch vụ công quốc gia không ghi thời hạn; theo trình tự thực hiện: 03 ngày làm việc kể từ ngày nhận hồ sơ (Nghị định 168/2025/NĐ-CP).',
        ),
        [
          feeCouncil(
            'Lệ phí đăng ký hộ kinh doanh',
            `${FEE_TEXT} Cổng Dịch vụ công quốc gia ghi ${c === 'direct' ? '50.000' : '150.000'} đồng cho hình thức này.`,
          ),
        ],
        '',
        `${c === 'direct' ? '50,000 VNĐ' : '150,000 Việt Nam Đồng'} (- Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định (căn cứ quy định tại Thông tư số 85/2019/TT-BTC).)`,
      ),
    ),
    documents: [
      doc({
        group: G_HO_SO,
        code: 'GIAY_DE_NGHI',
        name: 'Giấy đề nghị đăng ký hộ kinh doanh (mẫu ban hành kèm theo Thông tư 68/2025/TT-BTC)',
        count: [1, 0, 0],
        mustDigitise: true,
      }),
      doc({
        group: G_HO_SO,
        code: 'CCCD_CHU_HO',
        name: 'Thông tin giấy tờ pháp lý của cá nhân chủ hộ kinh doanh: khai thác từ Cơ sở dữ liệu quốc gia về dân cư qua tài khoản định danh điện tử',
        count: [0, 0, 0],
        required: false,
        nationalData: 'population',
      }),
      doc({
        group: G_HO_GIA_DINH,
        code: 'UY_QUYEN_THANH_VIEN_HGD',
        name: 'Bản sao văn bản ủy quyền của các thành viên hộ gia đình cho một thành viên làm chủ hộ kinh doanh, được công chứng hoặc chứng thực',
        count: [0, 0, 1],
        mustDigitise: true,
        satisfiedBy: ['2.000884'],
      }),
      doc({
        group: G_UY_QUYEN,
        code: 'UY_QUYEN_CA_NHAN',
        name: 'Văn bản ủy quyền cho cá nhân thực hiện thủ tục đăng ký hộ kinh doanh (không bắt buộc công chứng, chứng thực)',
        count: [0, 0, 1],
        required: false,
        mustDigitise: true,
      }),
      doc({
        group: G_UY_QUYEN,
        code: 'HOP_DONG_DICH_VU',
        name: 'Bản sao hợp đồng cung cấp dịch vụ với tổ chức làm dịch vụ thực hiện thủ tục và giấy giới thiệu của tổ chức đó cho cá nhân trực tiếp thực hiện thủ tục',
        count: [0, 0, 1],
        required: false,
        mustDigitise: true,
      }),
      doc({
        group: G_UY_QUYEN,
        code: 'PHIEU_GUI_BUU_CHINH',
        name: 'Bản sao phiếu gửi hồ sơ theo mẫu của doanh nghiệp bưu chính công ích, có chữ ký xác nhận của nhân viên bưu chính và chủ hộ kinh doanh',
        count: [0, 0, 1],
        required: false,
        mustDigitise: true,
      }),
      doc({
        group: G_UY_QUYEN,
        code: 'CCCD_NGUOI_UY_QUYEN',
        name: 'Bản sao thẻ Căn cước hoặc thẻ Căn cước công dân còn hiệu lực của người ủy quyền, khi người ủy quyền chưa có tài khoản định danh điện tử để xác thực điện tử',
        count: [0, 0, 1],
        required: false,
        nationalData: 'population',
      }),
    ],
    eform: {
      schema: {
        $schema: SCHEMA_2020,
        title: 'Giấy đề nghị đăng ký hộ kinh doanh',
        type: 'object',
        additionalProperties: false,
        properties: {
          hinhThuc: oneOf('Hộ kinh doanh do', ['ca_nhan', 'thanh_vien_ho_gia_dinh']),
          chuHo: object(
            'Chủ hộ kinh doanh',
            {
              hoTen: NAME('Họ, chữ đệm và tên'),
              gioiTinh: SEX,
              ngaySinh: date('Ngày, tháng, năm sinh'),
              danToc: str('Dân tộc', { maxLength: 50 }),
              quocTich: str('Quốc tịch', { maxLength: 50 }),
              soDinhDanh: CCCD(),
              noiCuTru: address('Nơi cư trú'),
              soDienThoai: PHONE,
              email: EMAIL,
            },
            ['hoTen', 'gioiTinh', 'ngaySinh', 'danToc', 'quocTich', 'soDinhDanh', 'noiCuTru', 'soDienThoai'],
          ),
          hoKinhDoanh: object(
            'Thông tin hộ kinh doanh',
            {
              ten: str('Tên hộ kinh doanh', { maxLength: 200, pattern: '^Hộ kinh doanh \\S.*$' }),
              truSo: address('Địa chỉ trụ sở'),
              soDienThoai: PHONE,
              email: EMAIL,
              nganhNghe: {
                type: 'array',
                title: 'Ngành, nghề kinh doanh',
                minItems: 1,
                maxItems: 50,
                items: object(
                  'Ngành, nghề',
                  {
                    maNganh: str('Mã ngành cấp 4 (Hệ thống ngành kinh tế Việt Nam)', {
                      pattern: '^[0-9]{4}$',
                    }),
                    tenNganh: str('Tên ngành', { maxLength: 300 }),
                  },
                  ['maNganh', 'tenNganh'],
                ),
              },
              vonKinhDoanh: int('Vốn kinh doanh (đồng)', 1, 1_000_000_000_000),
              soLaoDong: int('Số lượng lao động', 0, 10_000),
            },
            ['ten', 'truSo', 'nganhNghe', 'vonKinhDoanh'],
          ),
          thanhVienHoGiaDinh: {
            type: 'array',
            title: 'Thành viên hộ gia đình tham gia thành lập',
            maxItems: 30,
            items: object(
              'Thành viên',
              {
                hoTen: NAME('Họ, chữ đệm và tên'),
                ngaySinh: date('Ngày, tháng, năm sinh'),
                soDinhDanh: CCCD(),
              },
              ['hoTen', 'ngaySinh', 'soDinhDanh'],
            ),
          },
        },
        required: ['hinhThuc', 'chuHo', 'hoKinhDoanh'],
      },
      uiSchema: {
        'ui:order': ['hinhThuc', 'chuHo', 'hoKinhDoanh', 'thanhVienHoGiaDinh'],
        hinhThuc: {
          'ui:widget': 'radio',
          'ui:enumNames': ['Một cá nhân', 'Các thành viên hộ gia đình'],
          'ui:help':
            'Hộ gia đình đăng ký thì nộp văn bản ủy quyền cho một thành viên làm chủ hộ, được công chứng hoặc chứng thực.',
        },
        chuHo: {
          'ui:order': [
            'hoTen',
            'gioiTinh',
            'ngaySinh',
            'danToc',
            'quocTich',
            'soDinhDanh',
            'noiCuTru',
            'soDienThoai',
            'email',
          ],
          gioiTinh: SEX_UI,
          ngaySinh: { 'ui:widget': 'date' },
          noiCuTru: ADDRESS_UI,
          email: { 'ui:widget': 'email' },
        },
        hoKinhDoanh: {
          'ui:order': ['ten', 'truSo', 'soDienThoai', 'email', 'nganhNghe', 'vonKinhDoanh', 'soLaoDong'],
          ten: {
            'ui:help':
              'Gồm cụm từ "Hộ kinh doanh" và tên riêng viết bằng chữ cái tiếng Việt (và các chữ F, J, Z, W), có thể kèm chữ số, ký hiệu.',
          },
          truSo: ADDRESS_UI,
          email: { 'ui:widget': 'email' },
          nganhNghe: {
            items: {
              'ui:order': ['maNganh', 'tenNganh'],
              maNganh: {
                'ui:help': 'Mã ngành cấp 4, ví dụ 5610 (nhà hàng và dịch vụ ăn uống phục vụ lưu động).',
              },
            },
          },
          vonKinhDoanh: { 'ui:widget': 'updown' },
          soLaoDong: { 'ui:widget': 'updown' },
        },
        thanhVienHoGiaDinh: {
          'ui:help': 'Chỉ khai khi hộ kinh doanh do các thành viên hộ gia đình đăng ký thành lập.',
          items: { 'ui:order': ['hoTen', 'ngaySinh', 'soDinhDanh'], ngaySinh: { 'ui:widget': 'date' } },
        },
      },
    },
    results: [
      { code: 'KQ.G12.001041', name: 'Giấy chứng nhận đăng ký hộ kinh doanh', paper: true, electronic: true },
      {
        code: 'KQ.G12.001009',
        name: 'Thông báo bằng văn bản nội dung cần sửa đổi, bổ sung của Cơ quan đăng ký kinh doanh cấp xã',
        paper: true,
        electronic: true,
      },
    ],
    onlineLevel: 'full',
    conditions:
      'Được cấp Giấy chứng nhận đăng ký hộ kinh doanh khi: ngành, nghề đăng ký không bị cấm đầu tư kinh doanh; tên hộ kinh doanh đặt theo quy định; có hồ sơ đăng ký hợp lệ; đã nộp đủ lệ phí đăng ký (khoản 2 Điều 85 Nghị định 168/2025/NĐ-CP). Người ủy quyền và người được ủy quyền phải xác thực điện tử; chịu trách nhiệm về tính hợp pháp, trung thực của việc ủy quyền.',
    legalBasis: LEGAL_BASIS,
    stepsText:
      '1. Trực tiếp hoặc qua bưu chính: chủ hộ kinh doanh hoặc người được ủy quyền nộp hồ sơ đến Cơ quan đăng ký kinh doanh cấp xã nơi đặt trụ sở hoặc bất kỳ Cơ quan đăng ký kinh doanh cấp xã nào trong tỉnh, thành phố.\n2. Qua mạng: đăng nhập Hệ thống thông tin về đăng ký hộ kinh doanh bằng tài khoản định danh điện tử, kê khai, tải văn bản điện tử, ký số và thanh toán lệ phí; nhận giấy tiếp nhận hồ sơ qua mạng.\n3. Cơ quan đăng ký kinh doanh cấp xã trao giấy tiếp nhận, kiểm tra điều kiện cấp; đủ điều kiện thì cấp Giấy chứng nhận đăng ký hộ kinh doanh và gửi thông tin cho cơ quan thuế trong 03 ngày làm việc; chưa đủ thì thông báo bằng văn bản nội dung cần sửa đổi, bổ sung.',
    decisionNo: '2353/QĐ-BTC',
    decisionDate: null,
    effectiveFrom: null,
  },
};
