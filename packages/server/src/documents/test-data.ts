/**
 * Realistic sample inputs for the form tests (fictional people and codes, real procedures and
 * communes): a birth registration at a commune of Hà Nội, received before the 2025 reform (2018
 * forms, under the former district) and after it (2025 forms), and a construction permit whose
 * 15 documents make the receipt's table run onto a second page.
 */
import type { FormDataByCode } from './index.js';
import type { AgencyInfo, DocumentItem, ReceiptData } from './types.js';

/** Thụy Lâm commune of Đông Anh district, before the 1/7/2025 merger into xã Thư Lâm. */
export const AGENCY_2018: AgencyInfo = {
  parentName: 'UBND huyện Đông Anh',
  name: 'UBND xã Thụy Lâm',
  place: 'Đông Anh',
};

export const AGENCY_2025: AgencyInfo = {
  parentName: 'UBND thành phố Hà Nội',
  name: 'UBND xã Thư Lâm',
  place: 'Hà Nội',
};

export const BIRTH = {
  procedure: { code: '1.001193', name: 'Thủ tục đăng ký khai sinh' },
  applicant: {
    name: 'Nguyễn Thị Hường',
    address: 'Thôn Đào Thục, xã Thư Lâm, thành phố Hà Nội',
    phone: '0912 345 678',
    email: 'huong.nguyen@example.vn',
    identityNumber: '001190012345',
  },
  documents: [
    { name: 'Tờ khai đăng ký khai sinh theo mẫu', originals: 1 },
    { name: 'Giấy chứng sinh do Bệnh viện Đa khoa Đông Anh cấp', originals: 1 },
    {
      name: 'Văn bản ủy quyền được chứng thực (trường hợp ủy quyền đăng ký khai sinh)',
      certifiedCopies: 1,
    },
  ] satisfies DocumentItem[],
};

export const CONSTRUCTION_DOCUMENTS: DocumentItem[] = [
  {
    name: 'Đơn đề nghị cấp giấy phép xây dựng theo Mẫu số 1 Phụ lục II Nghị định số 175/2024/NĐ-CP',
    originals: 1,
  },
  { name: 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất', certifiedCopies: 1 },
  { name: 'Bản vẽ mặt bằng vị trí công trình trên lô đất, tỷ lệ 1/100', originals: 2 },
  { name: 'Bản vẽ mặt bằng các tầng, mặt đứng và mặt cắt chính của công trình', originals: 2 },
  { name: 'Bản vẽ mặt bằng móng và mặt cắt móng, kèm sơ đồ đấu nối hạ tầng kỹ thuật', originals: 2 },
  { name: 'Bản kê khai năng lực, kinh nghiệm của tổ chức, cá nhân thiết kế', originals: 1 },
  { name: 'Chứng chỉ hành nghề hoạt động xây dựng của chủ nhiệm thiết kế', copies: 1 },
  { name: 'Báo cáo kết quả thẩm tra thiết kế (công trình có tầng hầm)', originals: 1 },
  { name: 'Cam kết bảo đảm an toàn đối với công trình liền kề', originals: 1 },
  { name: 'Biên bản thỏa thuận với chủ sở hữu nhà liền kề về việc sử dụng tường chung', certifiedCopies: 1 },
  { name: 'Văn bản thẩm duyệt thiết kế về phòng cháy và chữa cháy', copies: 1 },
  { name: 'Văn bản chấp thuận độ cao công trình của cơ quan quản lý hàng không', copies: 1 },
  { name: 'Ảnh chụp hiện trạng khu đất và các công trình lân cận', originals: 1 },
  { name: 'Giấy tờ tùy thân của người đề nghị cấp phép (Thẻ căn cước)', copies: 1 },
  { name: 'Văn bản ủy quyền được chứng thực cho người nộp hồ sơ thay', certifiedCopies: 1 },
];

const SIGNER = { name: 'Phạm Minh Đức', title: 'Phó Chủ tịch', onBehalfOf: 'KT. Chủ tịch' };
const OFFICER = { name: 'Lê Thị Thu Trang', title: 'Công chức Tư pháp - Hộ tịch' };

/**
 * Every form of one set for the birth registration. `receivedAt` decides the set;
 * the 2018 variant uses the pre-merger commune, the 2025 one the new commune.
 */
export function birthRegistrationForms(
  set: '2018' | '2025',
): Omit<FormDataByCode, 'STOP_NOTICE'> & { STOP_NOTICE?: FormDataByCode['STOP_NOTICE'] } {
  const is2018 = set === '2018';
  const agency = is2018 ? AGENCY_2018 : AGENCY_2025;
  const receivedAt = is2018 ? '2025-06-30T09:15:00+07:00' : '2026-02-13T10:30:00+07:00';
  const appointmentAt = is2018 ? '2025-07-01T09:15:00+07:00' : '2026-02-16T10:30:00+07:00';
  const dossierCode = is2018 ? '000.36.20.H26-250630-0012' : '000.45.20.H26-260213-0007';
  const base = {
    agency,
    dossierCode,
    receivedAt,
    issuedAt: receivedAt,
    applicant: BIRTH.applicant,
    procedure: BIRTH.procedure,
  };
  const receipt: ReceiptData = {
    ...base,
    receptionUnit: `Bộ phận Một cửa ${agency.name}`,
    documents: BIRTH.documents,
    numberOfSets: 1,
    legalTimeLimit:
      'Ngay trong ngày làm việc; nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo',
    appointmentAt,
    resultDelivery: `Bộ phận Một cửa ${agency.name}`,
    register: { book: is2018 ? '02/2025' : '01/2026', number: is2018 ? '1284' : '0117' },
    officer: OFFICER,
    trackingUrl: `https://motcua.hanoi.example/tra-cuu/${dossierCode}`,
  };
  const later = is2018 ? '2025-07-02T14:00:00+07:00' : '2026-02-17T14:00:00+07:00';
  const forms = {
    RECEIPT: receipt,
    SUPPLEMENT_REQUEST: {
      ...base,
      issuedAt: receivedAt,
      items: [
        {
          content: 'Giấy chứng sinh bản chính',
          reason: 'Bản nộp là bản chụp, không có xác nhận của cơ sở y tế nơi trẻ được sinh ra',
        },
        {
          content: 'Văn bản ủy quyền được chứng thực',
          reason: 'Người nộp hồ sơ không phải cha, mẹ, ông, bà hoặc người thân thích của trẻ',
        },
      ],
      officer: OFFICER,
      contactPhone: '024 3883 1234',
    },
    REFUSAL: {
      ...base,
      receptionUnit: `Bộ phận Một cửa ${agency.name}`,
      reasons: [
        'Trẻ đã được đăng ký khai sinh tại Ủy ban nhân dân phường Cầu Giấy ngày 12/02/2026; việc đăng ký lại không thuộc trường hợp đăng ký khai sinh lần đầu.',
      ],
      officer: OFFICER,
    },
    APOLOGY_EXTENSION: {
      ...base,
      issuedAt: later,
      documentNumber: is2018 ? '27/PXL-UBND' : '15/UBND-TP',
      originalAppointmentAt: appointmentAt,
      delayReason:
        'Cần xác minh thông tin về nơi cư trú của người mẹ trong Cơ sở dữ liệu quốc gia về dân cư do dữ liệu chưa đồng bộ.',
      newAppointmentAt: is2018 ? '2025-07-04T16:00:00+07:00' : '2026-02-20T16:00:00+07:00',
      signer: SIGNER,
    },
    CONTROL_SHEET: {
      ...base,
      appointmentAt,
      leadAgency: `${agency.name} (công chức Tư pháp - Hộ tịch)`,
      coordinatingAgencies: ['Công an xã (đăng ký thường trú)', 'Bảo hiểm xã hội (cấp thẻ bảo hiểm y tế)'],
      rows: [
        {
          fromAgency: `Bộ phận Một cửa ${agency.name}`,
          toAgency: 'Công chức Tư pháp - Hộ tịch',
          handedOverAt: receivedAt,
          giverName: OFFICER.name,
          receiverName: 'Hoàng Văn Nam',
          result: 'on_time' as const,
        },
        {
          fromAgency: 'Công chức Tư pháp - Hộ tịch',
          toAgency: 'Lãnh đạo UBND xã',
          handedOverAt: is2018 ? '2025-06-30T14:00:00+07:00' : '2026-02-13T15:10:00+07:00',
          giverName: 'Hoàng Văn Nam',
          receiverName: SIGNER.name,
          result: 'early' as const,
          note: 'Trình ký',
        },
        {
          fromAgency: 'Lãnh đạo UBND xã',
          toAgency: `Bộ phận Một cửa ${agency.name}`,
          handedOverAt: is2018 ? '2025-07-02T08:30:00+07:00' : '2026-02-17T08:30:00+07:00',
          giverName: SIGNER.name,
          receiverName: OFFICER.name,
          result: 'late' as const,
          note: 'Đã có phiếu xin lỗi',
        },
      ],
    },
    REGISTER: {
      agency,
      issuedAt: is2018 ? '2025-06-30T17:00:00+07:00' : '2026-02-28T17:00:00+07:00',
      periodFrom: is2018 ? '2025-06-01T00:00:00+07:00' : '2026-02-01T00:00:00+07:00',
      periodTo: is2018 ? '2025-06-30T23:59:00+07:00' : '2026-02-28T23:59:00+07:00',
      book: receipt.register.book,
      rows: [
        {
          no: 1,
          dossierCode,
          procedureName: BIRTH.procedure.name,
          numberOfDossiers: 1,
          applicantName: BIRTH.applicant.name,
          applicantAddress: BIRTH.applicant.address,
          applicantPhone: BIRTH.applicant.phone,
          leadAgency: agency.name,
          receivedAt,
          appointmentAt,
          forwardedAt: receivedAt,
          resultReceivedAt: later,
          returnedAt: later,
          note: 'Trả kết quả quá hạn',
        },
      ],
    },
  };
  if (is2018) return forms;
  return {
    ...forms,
    STOP_NOTICE: {
      ...base,
      issuedAt: later,
      documentNumber: '16/TB-UBND',
      reason:
        'Tòa án nhân dân khu vực 4 - Hà Nội đang thụ lý vụ việc tranh chấp về xác định cha, mẹ cho trẻ; kết quả giải quyết phụ thuộc vào bản án của Tòa án.',
      legalGround: 'Nghị định số 118/2025/NĐ-CP của Chính phủ và Luật Hộ tịch năm 2014',
      signer: SIGNER,
    },
  };
}

/** Construction permit received on 1/7/2025 (2025 set), 15 documents. */
export function constructionReceipt(): ReceiptData {
  const dossierCode = '000.45.20.H26-250701-0031';
  return {
    agency: AGENCY_2025,
    dossierCode,
    receivedAt: '2025-07-01T08:05:00+07:00',
    issuedAt: '2025-07-01T08:05:00+07:00',
    applicant: {
      name: 'Đặng Quốc Bảo',
      address: 'Số 18 ngõ 42 đường Thư Lâm, xã Thư Lâm, thành phố Hà Nội',
      phone: '0987 654 321',
      identityNumber: '001085004321',
    },
    procedure: {
      code: '1.013225',
      name: 'Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV và nhà ở riêng lẻ',
    },
    requestContent:
      'Cấp giấy phép xây dựng nhà ở riêng lẻ 4 tầng và 1 tầng hầm tại thửa đất số 215, tờ bản đồ số 12',
    receptionUnit: 'Trung tâm Phục vụ hành chính công xã Thư Lâm',
    documents: CONSTRUCTION_DOCUMENTS,
    numberOfSets: 2,
    legalTimeLimit: '15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ',
    appointmentAt: '2025-07-16T08:05:00+07:00',
    resultDelivery: 'Qua dịch vụ bưu chính công ích đến địa chỉ của người nộp',
    register: { book: '03/2025', number: '0031' },
    officer: { name: 'Trần Văn Phúc' },
    trackingUrl: `https://motcua.hanoi.example/tra-cuu/${dossierCode}`,
  };
}
