/**
 * Shared by the hộ tịch procedures (Quyết định 163/QĐ-BTP): legal basis, the same-day limits,
 * the copy fee of Thông tư 281/2016/TT-BTC and the commune's same-day workflow. The national
 * records give the limit as a bare "1" without unit; their own steps give the 15:00 rule, i.e. a
 * same-day limit (Luật Hộ tịch: "ngay sau khi nhận đủ giấy tờ"), and the online flow leaves the
 * applicant up to one day to confirm the electronic form, i.e. one working day online.
 */
import type { LegalBasisItem, WorkflowDefinition } from '@motcua/core';
import {
  COMMUNE_JUSTICE_DEPT,
  doc,
  feeFixed,
  ifNegative,
  issue,
  receive,
  refuse,
  returnResult,
  sameDay,
  task,
  to,
  workingDays,
} from './common.js';

export const CIVIL_STATUS_LEGAL_BASIS: LegalBasisItem[] = [
  { number: '60/2014/QH13', title: 'Luật Hộ tịch' },
  {
    number: '123/2015/NĐ-CP',
    title: 'Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch',
  },
  {
    number: '87/2020/NĐ-CP',
    title: 'Nghị định quy định về Cơ sở dữ liệu hộ tịch điện tử, đăng ký hộ tịch trực tuyến',
  },
  {
    number: '104/2022/NĐ-CP',
    title:
      'Nghị định sửa đổi, bổ sung một số điều của các Nghị định liên quan đến việc nộp, xuất trình sổ hộ khẩu, sổ tạm trú giấy khi thực hiện thủ tục hành chính, cung cấp dịch vụ công',
  },
  {
    number: '07/2025/NĐ-CP',
    title:
      'Nghị định sửa đổi, bổ sung một số điều của các Nghị định trong lĩnh vực hộ tịch, quốc tịch, chứng thực',
  },
  {
    number: '120/2025/NĐ-CP',
    title:
      'Nghị định quy định về phân định thẩm quyền của chính quyền địa phương 02 cấp trong lĩnh vực quản lý nhà nước của Bộ Tư pháp',
  },
  {
    number: '18/2026/NĐ-CP',
    title:
      'Nghị định sửa đổi, bổ sung một số nghị định để cắt giảm, đơn giản hóa thủ tục hành chính, điều kiện kinh doanh thuộc phạm vi quản lý của Bộ Tư pháp',
  },
  {
    number: '66.7/2025/NQ-CP',
    title: 'Nghị quyết quy định cắt giảm, đơn giản hóa thủ tục hành chính dựa trên dữ liệu',
  },
  {
    number: '04/2020/TT-BTP',
    title: 'Thông tư quy định chi tiết thi hành một số điều của Luật Hộ tịch và Nghị định 123/2015/NĐ-CP',
  },
  {
    number: '01/2022/TT-BTP',
    title:
      'Thông tư quy định chi tiết một số điều và biện pháp thi hành Nghị định 87/2020/NĐ-CP về Cơ sở dữ liệu hộ tịch điện tử, đăng ký hộ tịch trực tuyến',
  },
  { number: '03/2023/TT-BTP', title: 'Thông tư số 03/2023/TT-BTP ngày 02/8/2023 của Bộ trưởng Bộ Tư pháp' },
  {
    number: '04/2024/TT-BTP',
    title: 'Thông tư sửa đổi, bổ sung một số điều của Thông tư 02/2020/TT-BTP và Thông tư 04/2020/TT-BTP',
  },
  {
    number: '08/2025/TT-BTP',
    title:
      'Thông tư quy định về phân định thẩm quyền của chính quyền địa phương 02 cấp và phân cấp trong lĩnh vực quản lý nhà nước của Bộ Tư pháp',
  },
  {
    number: '85/2019/TT-BTC',
    title:
      'Thông tư hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của Hội đồng nhân dân tỉnh, thành phố trực thuộc Trung ương',
  },
  { number: '106/2021/TT-BTC', title: 'Thông tư sửa đổi, bổ sung một số điều của Thông tư 85/2019/TT-BTC' },
  {
    number: '281/2016/TT-BTC',
    title:
      'Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí khai thác, sử dụng thông tin trong cơ sở dữ liệu hộ tịch, phí xác nhận có quốc tịch Việt Nam, phí xác nhận là người gốc Việt Nam, lệ phí quốc tịch',
  },
];

/** Limits of the same-day civil-status procedures (raw "1" in the national record). */
export const CIVIL_STATUS_LIMITS = {
  counter: sameDay(
    '1 (Cổng Dịch vụ công quốc gia không ghi đơn vị). Giải quyết ngay trong ngày tiếp nhận; hồ sơ tiếp nhận sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo.',
  ),
  online: workingDays(
    1,
    '1 (Cổng Dịch vụ công quốc gia không ghi đơn vị). Nộp trực tuyến: người yêu cầu kiểm tra, xác nhận biểu mẫu kết quả điện tử trong tối đa một ngày.',
  ),
};

export const EXTRACT_COPY_FEE = (what: string) =>
  feeFixed(
    `Phí cấp bản sao ${what} (nếu có yêu cầu)`,
    8000,
    '8.000 đồng/bản sao (Thông tư 281/2016/TT-BTC).',
  );

/**
 * The same-day civil-status workflow of a commune (8 working hours): the one-stop officer
 * receives; the justice officer examines, records in the register and prints; the leader signs;
 * the clerk stamps and issues; the one-stop officer returns. A negative appraisal goes to a
 * written refusal.
 */
export function communeSameDayWorkflow(examine: string, sign: string, consult = false): WorkflowDefinition {
  return {
    start: 'TIEP_NHAN',
    steps: [
      receive(1, 'THAM_TRA'),
      task(
        'THAM_TRA',
        examine,
        'specialist',
        3,
        consult
          ? ['forward', 'return', 'request_supplement', 'consult']
          : ['forward', 'return', 'request_supplement'],
        [ifNegative('TU_CHOI'), to('KY')],
        { department: COMMUNE_JUSTICE_DEPT },
      ),
      task('KY', sign, 'agency_leader', 2, ['approve', 'sign', 'return'], [to('BAN_HANH')]),
      issue(1, 'TRA_KET_QUA'),
      returnResult(1),
      refuse(2),
    ],
  };
}

export const AUTHORISATION = (group: string) =>
  doc({
    group,
    code: 'VB_UY_QUYEN',
    name: 'Văn bản ủy quyền được chứng thực, khi ủy quyền thực hiện việc đăng ký; không phải chứng thực nếu người được ủy quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột của người ủy quyền',
    count: [1, 0, 0],
    required: false,
    mustDigitise: true,
    satisfiedBy: ['2.000884'],
  });

export const G_NOP = 'Giấy tờ phải nộp';
export const G_XUAT_TRINH = 'Giấy tờ phải xuất trình';
