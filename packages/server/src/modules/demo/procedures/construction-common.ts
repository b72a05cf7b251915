/**
 * Building permits (Quyết định 56/QĐ-BXD): new construction of grade III/IV works and detached
 * houses at the commune (1.013225), and of special-grade, grade I/II works at Sở Xây dựng
 * (1.013236). Limits are the records' calendar days (Luật Xây dựng: 20 days, 15 for a detached
 * house); the licence fee is set by the provincial People's Council and has no amount here.
 * Documents are grouped by the records' cases; the record's "Đơn đề nghị cấp giấy phép sửa chữa,
 * cải tạo" under new construction is a copy slip of the portal and is named as the new-build
 * application (Mẫu số 1 Phụ lục II Nghị định 175/2024/NĐ-CP) here.
 */
import type { LegalBasisItem } from '@motcua/core';
import {
  ADDRESS_UI,
  address,
  bool,
  date,
  doc,
  feeCouncil,
  int,
  num,
  object,
  oneOf,
  PHONE,
  SCHEMA_2020,
  str,
} from './common.js';

export const PERMIT_FEE = feeCouncil(
  'Lệ phí cấp giấy phép xây dựng',
  'Theo quy định của Hội đồng nhân dân cấp tỉnh (Thông tư 85/2019/TT-BTC).',
);

export const CONSTRUCTION_LEGAL_BASIS: LegalBasisItem[] = [
  { number: '50/2014/QH13', title: 'Luật Xây dựng' },
  { number: '62/2020/QH14', title: 'Luật sửa đổi, bổ sung một số điều của Luật Xây dựng' },
  {
    number: '175/2024/NĐ-CP',
    title:
      'Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Xây dựng về quản lý hoạt động xây dựng',
  },
  {
    number: '105/2025/NĐ-CP',
    title:
      'Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ',
  },
  {
    number: '140/2025/NĐ-CP',
    title:
      'Nghị định quy định về phân định thẩm quyền của chính quyền địa phương 02 cấp trong lĩnh vực quản lý nhà nước của Bộ Xây dựng',
  },
  {
    number: '144/2025/NĐ-CP',
    title: 'Nghị định quy định về phân quyền, phân cấp trong lĩnh vực quản lý nhà nước của Bộ Xây dựng',
  },
  {
    number: '14/2026/NĐ-CP',
    title:
      'Nghị định sửa đổi, bổ sung một số điều của các Nghị định để cắt giảm, đơn giản hóa thủ tục hành chính liên quan đến hoạt động sản xuất, kinh doanh thuộc phạm vi quản lý của Bộ Xây dựng',
  },
  {
    number: '85/2019/TT-BTC',
    title:
      'Thông tư hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của Hội đồng nhân dân tỉnh, thành phố trực thuộc Trung ương',
  },
];

// ---------------------------------------------------------------------------------------------
// Documents shared by both procedures (codes are prefixed by case, unique per procedure)

export const APPLICATION = (group: string, prefix: string) =>
  doc({
    group,
    code: `${prefix}_DON`,
    name: 'Đơn đề nghị cấp giấy phép xây dựng theo Mẫu số 1 Phụ lục II Nghị định 175/2024/NĐ-CP',
    count: [1, 0, 0],
    mustDigitise: true,
  });

export const LAND_PAPERS = (group: string, prefix: string) =>
  doc({
    group,
    code: `${prefix}_GIAY_TO_DAT`,
    name: 'Một trong những giấy tờ hợp pháp về đất đai theo Điều 53 Nghị định 175/2024/NĐ-CP (Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất hoặc các loại giấy chứng nhận, giấy tờ tương đương qua các thời kỳ); được thay bằng dữ liệu khi Giấy chứng nhận đã có trong Cơ sở dữ liệu quốc gia về đất đai',
    count: [1, 0, 1],
    mustDigitise: true,
    nationalData: 'land',
    satisfiedBy: ['1.013978', '1.012783'],
  });

export const PROJECT_PAPERS = (group: string, prefix: string) =>
  doc({
    group,
    code: `${prefix}_DU_AN`,
    name: 'Quyết định phê duyệt dự án; văn bản thông báo kết quả thẩm định của cơ quan chuyên môn về xây dựng và bản vẽ thiết kế cơ sở được đóng dấu xác nhận (nếu có); báo cáo kết quả thẩm tra thiết kế xây dựng (nếu có); kết quả thủ tục về phòng cháy, chữa cháy và về bảo vệ môi trường theo quy định',
    count: [1, 0, 1],
    mustDigitise: true,
  });

export const PROJECT_DRAWINGS = (group: string, prefix: string) =>
  doc({
    group,
    code: `${prefix}_BAN_VE`,
    name: '02 bộ bản vẽ thiết kế xây dựng triển khai sau thiết kế cơ sở được phê duyệt: tổng mặt bằng, mặt bằng định vị công trình trên lô đất (công trình theo tuyến: sơ đồ vị trí tuyến, bình đồ, mặt cắt dọc và ngang chủ yếu); kiến trúc các mặt bằng, mặt đứng, mặt cắt chủ yếu; mặt bằng, mặt cắt móng; giải pháp kết cấu chính; mặt bằng đấu nối hạ tầng kỹ thuật bên ngoài công trình',
    count: [2, 0, 0],
    mustDigitise: true,
  });

export const SPECIAL_APPROVALS = (group: string, prefix: string) =>
  doc({
    group,
    code: `${prefix}_VAN_BAN_CHAP_THUAN`,
    name: 'Văn bản chấp thuận về sự cần thiết xây dựng và quy mô công trình của cơ quan chuyên môn về tôn giáo hoặc cơ quan quản lý nhà nước về văn hóa (công trình tôn giáo, tượng đài, tranh hoành tráng, công trình thuộc dự án tu bổ di tích); ý kiến của cơ quan chuyên môn về tín ngưỡng (khi pháp luật có quy định); các điều khoản của Hiệp định, thỏa thuận đã ký với Chính phủ Việt Nam (công trình của cơ quan ngoại giao, tổ chức quốc tế)',
    count: [1, 0, 1],
    mustDigitise: true,
  });

export const G_NHA_O = 'Trường hợp nhà ở riêng lẻ';
export const G_CONG_TRINH =
  'Trường hợp công trình không theo tuyến, theo tuyến trong đô thị, theo giai đoạn hoặc dự án';
export const G_DAC_THU =
  'Trường hợp công trình tín ngưỡng, tôn giáo, tượng đài, tranh hoành tráng, công trình của cơ quan ngoại giao và tổ chức quốc tế (ngoài giấy tờ như công trình không theo tuyến)';

// ---------------------------------------------------------------------------------------------
// E-form (both levels; the grades differ)

export const permitForm = (grades: string[], gradeNames: string[], withHouse: boolean) => ({
  schema: {
    $schema: SCHEMA_2020,
    title: 'Đơn đề nghị cấp giấy phép xây dựng',
    type: 'object',
    additionalProperties: false,
    properties: {
      chuDauTu: object(
        'Chủ đầu tư',
        {
          loai: oneOf('Chủ đầu tư là', ['ca_nhan', 'to_chuc']),
          ten: str('Họ tên cá nhân hoặc tên tổ chức', { maxLength: 300 }),
          maSo: str('Số định danh cá nhân hoặc mã số doanh nghiệp, tổ chức', {
            pattern: '^([0-9]{12}|[0-9]{10}(-[0-9]{3})?)$',
          }),
          nguoiDaiDien: str('Người đại diện theo pháp luật (tổ chức)', { maxLength: 100 }),
          diaChi: address('Địa chỉ liên hệ'),
          soDienThoai: PHONE,
        },
        ['loai', 'ten', 'maSo', 'diaChi', 'soDienThoai'],
      ),
      loaiCongTrinh: oneOf('Loại công trình', [
        ...(withHouse ? ['nha_o_rieng_le'] : []),
        'khong_theo_tuyen',
        'theo_tuyen_trong_do_thi',
        'tin_nguong',
        'ton_giao',
        'tuong_dai_tranh_hoanh_trang',
      ]),
      congTrinh: object(
        'Thông tin công trình',
        {
          ten: str('Tên công trình', { maxLength: 300 }),
          cap: oneOf('Cấp công trình', grades),
          diaDiem: address('Địa điểm xây dựng'),
          soThua: str('Số thửa đất', { maxLength: 20 }),
          soToBanDo: str('Số tờ bản đồ', { maxLength: 20 }),
          dienTichLoDat: num('Diện tích lô đất (m²)', 0, 10_000_000),
          dienTichXayDung: num('Diện tích xây dựng tầng 1 (m²)', 0, 10_000_000),
          tongDienTichSan: num('Tổng diện tích sàn (m²)', 0, 100_000_000),
          chieuCao: num('Chiều cao công trình (m)', 0, 1000),
          soTangNoi: int('Số tầng nổi', 1, 200),
          soTangHam: int('Số tầng hầm', 0, 20),
        },
        ['ten', 'cap', 'diaDiem', 'dienTichXayDung', 'tongDienTichSan', 'chieuCao', 'soTangNoi'],
      ),
      duAn: object(
        'Dự án đầu tư xây dựng (nếu có)',
        {
          ten: str('Tên dự án', { maxLength: 300 }),
          soQuyetDinhPheDuyet: str('Số quyết định phê duyệt dự án', { maxLength: 100 }),
          ngayPheDuyet: date('Ngày phê duyệt'),
        },
        ['ten', 'soQuyetDinhPheDuyet', 'ngayPheDuyet'],
      ),
      donViThietKe: object(
        'Đơn vị, cá nhân thiết kế',
        {
          ten: str('Tên đơn vị hoặc cá nhân thiết kế', { maxLength: 300 }),
          soChungChi: str('Số chứng chỉ năng lực hoặc chứng chỉ hành nghề', { maxLength: 100 }),
        },
        ['ten'],
      ),
      coCongTrinhLienKe: bool('Có công trình liền kề'),
      thoiGianHoanThanh: int('Dự kiến thời gian hoàn thành (tháng)', 1, 240),
    },
    required: ['chuDauTu', 'loaiCongTrinh', 'congTrinh', 'thoiGianHoanThanh'],
  },
  uiSchema: {
    'ui:order': [
      'chuDauTu',
      'loaiCongTrinh',
      'congTrinh',
      'duAn',
      'donViThietKe',
      'coCongTrinhLienKe',
      'thoiGianHoanThanh',
    ],
    chuDauTu: {
      'ui:order': ['loai', 'ten', 'maSo', 'nguoiDaiDien', 'diaChi', 'soDienThoai'],
      loai: { 'ui:widget': 'radio', 'ui:enumNames': ['Cá nhân, hộ gia đình', 'Tổ chức'] },
      maSo: {
        'ui:help':
          'Cá nhân: 12 chữ số định danh cá nhân; tổ chức: mã số doanh nghiệp 10 chữ số (đơn vị phụ thuộc 13).',
      },
      diaChi: ADDRESS_UI,
    },
    loaiCongTrinh: {
      'ui:widget': 'select',
      'ui:enumNames': [
        ...(withHouse ? ['Nhà ở riêng lẻ'] : []),
        'Công trình không theo tuyến',
        'Công trình theo tuyến trong đô thị',
        'Công trình tín ngưỡng',
        'Công trình tôn giáo',
        'Tượng đài, tranh hoành tráng',
      ],
    },
    congTrinh: {
      'ui:order': [
        'ten',
        'cap',
        'diaDiem',
        'soThua',
        'soToBanDo',
        'dienTichLoDat',
        'dienTichXayDung',
        'tongDienTichSan',
        'chieuCao',
        'soTangNoi',
        'soTangHam',
      ],
      cap: { 'ui:widget': 'select', 'ui:enumNames': gradeNames },
      diaDiem: ADDRESS_UI,
      soThua: { 'ui:help': 'Theo Giấy chứng nhận quyền sử dụng đất.' },
      chieuCao: { 'ui:help': 'Tính từ cao độ mặt đất đặt công trình đến điểm cao nhất của công trình.' },
    },
    duAn: {
      'ui:order': ['ten', 'soQuyetDinhPheDuyet', 'ngayPheDuyet'],
      ngayPheDuyet: { 'ui:widget': 'date' },
    },
    donViThietKe: { 'ui:order': ['ten', 'soChungChi'] },
    coCongTrinhLienKe: {
      'ui:help': 'Có công trình liền kề thì nộp bản cam kết bảo đảm an toàn đối với công trình liền kề.',
    },
    thoiGianHoanThanh: { 'ui:widget': 'updown' },
  },
});
