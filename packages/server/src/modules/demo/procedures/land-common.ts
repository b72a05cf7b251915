/**
 * Land (Quyết định 3380/QĐ-BNNMT, Luật Đất đai 2024, Nghị định 151/2025/NĐ-CP):
 *
 * - 1.013978, first registration and certificate for households and individuals: the liên thông
 *   procedure of the demo. The commune receives, checks the parcel, posts the result for 15 days,
 *   and its Chairman signs the certificate; the land registration office of Sở Nông nghiệp và Môi
 *   trường then records the registration in the cadastral file and the land database (the
 *   record's step "chuyển hồ sơ kèm bản sao Giấy chứng nhận đã cấp đến Chi nhánh Văn phòng đăng
 *   ký đất đai để lập, cập nhật, chỉnh lý hồ sơ địa chính") before the result is handed over. Two
 *   agencies, two levels: the commune's joint step hands a child dossier to the Sở's own workflow.
 *   In the demo the Sở's land office is represented by its Phòng Quản lý đất đai (QLDD).
 * - 1.012783, exchange of a certificate (cấp đổi): provincial, received by the one-stop centre.
 *
 * Time spent on financial obligations (tax office) is outside these budgets: the dossier waits
 * in status 6 (LIFECYCLE.md).
 */
import type { LegalBasisItem } from '@motcua/core';
import {
  ADDRESS_UI,
  address,
  COMMUNE_ECONOMY_DEPT,
  date,
  feeCouncil,
  identifierOf,
  num,
  object,
  oneOf,
  str,
} from './common.js';

export const SNNMT = identifierOf('snnmt');
export const QLDD = { agency: SNNMT, department: 'QLDD' };
export const COMMUNE_ECON = { department: COMMUNE_ECONOMY_DEPT };

export const LAND_LEGAL_BASIS: LegalBasisItem[] = [
  { number: '31/2024/QH15', title: 'Luật Đất đai' },
  {
    number: '43/2024/QH15',
    title:
      'Luật sửa đổi, bổ sung một số điều của Luật Đất đai, Luật Nhà ở, Luật Kinh doanh bất động sản và Luật Các tổ chức tín dụng',
  },
  {
    number: '101/2024/NĐ-CP',
    title:
      'Nghị định quy định về điều tra cơ bản đất đai; đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất và Hệ thống thông tin đất đai',
  },
  {
    number: '151/2025/NĐ-CP',
    title:
      'Nghị định quy định về phân định thẩm quyền của chính quyền địa phương 02 cấp, phân quyền, phân cấp trong lĩnh vực đất đai',
  },
  {
    number: '226/2025/NĐ-CP',
    title: 'Nghị định sửa đổi, bổ sung một số điều của các nghị định quy định chi tiết thi hành Luật Đất đai',
  },
  {
    number: '118/2025/NĐ-CP',
    title:
      'Nghị định về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông tại Bộ phận Một cửa và Cổng Dịch vụ công quốc gia',
  },
  {
    number: '85/2019/TT-BTC',
    title:
      'Thông tư hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của Hội đồng nhân dân tỉnh, thành phố trực thuộc Trung ương',
  },
];

export const LAND_FEES = [
  feeCouncil(
    'Lệ phí cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
    'Mức thu do Hội đồng nhân dân cấp tỉnh quyết định (Thông tư 85/2019/TT-BTC).',
  ),
  feeCouncil(
    'Phí thẩm định hồ sơ cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
    'Mức thu do Hội đồng nhân dân cấp tỉnh quyết định (Thông tư 85/2019/TT-BTC).',
  ),
];
export const LAND_FEE_NOTE =
  'Nghĩa vụ tài chính về đất đai (tiền sử dụng đất, lệ phí trước bạ…) do cơ quan thuế xác định và thông báo; thời gian thực hiện nghĩa vụ tài chính không tính vào thời hạn giải quyết.';
export const LAND_FEE_RAW =
  'Miễn phí (Theo quy định của Luật phí và lệ phí và các văn bản quy phạm pháp luật hướng dẫn Luật phí và lệ phí.)';

export const PARCEL = object(
  'Thửa đất',
  {
    soThua: str('Số thửa', { maxLength: 20 }),
    soToBanDo: str('Số tờ bản đồ', { maxLength: 20 }),
    diaChi: address('Địa chỉ thửa đất'),
    dienTich: num('Diện tích (m²)', 0, 10_000_000),
    mucDichSuDung: oneOf('Mục đích sử dụng', ['ODT', 'ONT', 'CLN', 'LUC', 'BHK', 'NTS', 'KHAC']),
    thoiDiemBatDauSuDung: date('Thời điểm bắt đầu sử dụng đất'),
    nguonGoc: oneOf('Nguồn gốc sử dụng', [
      'nha_nuoc_giao',
      'nhan_chuyen_nhuong',
      'nhan_thua_ke',
      'nhan_tang_cho',
      'tu_khai_pha',
      'khac',
    ]),
  },
  ['diaChi', 'dienTich', 'mucDichSuDung', 'thoiDiemBatDauSuDung', 'nguonGoc'],
);

export const PARCEL_UI = {
  'ui:order': [
    'soThua',
    'soToBanDo',
    'diaChi',
    'dienTich',
    'mucDichSuDung',
    'thoiDiemBatDauSuDung',
    'nguonGoc',
  ],
  soThua: {
    'ui:help': 'Bỏ trống nếu chưa có bản đồ địa chính; Ủy ban nhân dân xã trích lục hoặc đề nghị trích đo.',
  },
  diaChi: ADDRESS_UI,
  mucDichSuDung: {
    'ui:widget': 'select',
    'ui:enumNames': [
      'Đất ở tại đô thị',
      'Đất ở tại nông thôn',
      'Đất trồng cây lâu năm',
      'Đất chuyên trồng lúa',
      'Đất trồng cây hằng năm khác',
      'Đất nuôi trồng thủy sản',
      'Loại đất khác',
    ],
  },
  thoiDiemBatDauSuDung: { 'ui:widget': 'date', 'ui:help': 'Căn cứ xác định việc sử dụng đất ổn định.' },
  nguonGoc: {
    'ui:widget': 'select',
    'ui:enumNames': [
      'Nhà nước giao, cho thuê',
      'Nhận chuyển nhượng',
      'Nhận thừa kế',
      'Nhận tặng cho',
      'Tự khai phá',
      'Khác',
    ],
  },
};
