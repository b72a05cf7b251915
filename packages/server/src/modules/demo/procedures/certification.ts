/**
 * Chứng thực at the commune: copies certified from originals (2.000815) and signatures
 * (2.000884). The national records give no time limit; Nghị định 23/2015/NĐ-CP sets it: within
 * the day of the request, or the next working day when received after 15 giờ (a same-day limit).
 * Both are counter-only: the records list no online or postal channel, and a signature must be
 * made in front of the certifying officer. The fees are national (Thông tư 226/2016/TT-BTC); the
 * records' second rows (USD fees at diplomatic missions) do not apply to a commune and are left out.
 */
import type { LegalBasisItem } from '@motcua/core';
import type { DemoProcedure } from '../procedures.js';
import { communeSameDayWorkflow } from './civil-common.js';
import {
  bool,
  CCCD,
  channel,
  date,
  doc,
  feeFixed,
  int,
  NAME,
  object,
  oneOf,
  PHONE,
  SCHEMA_2020,
  sameDay,
  str,
} from './common.js';

const LIMIT = sameDay(
  'Cổng Dịch vụ công quốc gia không ghi thời hạn. Trong ngày tiếp nhận yêu cầu hoặc trong ngày làm việc tiếp theo nếu tiếp nhận sau 15 giờ (Nghị định 23/2015/NĐ-CP); yêu cầu nhiều bản, bản chính nhiều trang hoặc nội dung phức tạp thì có thể kéo dài nhưng không quá 02 ngày làm việc.',
);

const LEGAL_BASIS: LegalBasisItem[] = [
  {
    number: '23/2015/NĐ-CP',
    title:
      'Nghị định về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch',
  },
  {
    number: '280/2025/NĐ-CP',
    title:
      'Nghị định sửa đổi, bổ sung một số điều của Nghị định 23/2015/NĐ-CP, được sửa đổi, bổ sung bởi Nghị định 07/2025/NĐ-CP',
  },
  { number: '01/2020/TT-BTP', title: 'Thông tư 01/2020/TT-BTP' },
  { number: '226/2016/TT-BTC', title: 'Thông tư 226/2016/TT-BTC' },
  {
    number: '257/2016/TT-BTC',
    title:
      'Thông tư quy định mức thu, chế độ thu, nộp, quản lý, sử dụng phí công chứng; phí chứng thực bản sao từ bản chính, chứng thực chữ ký trong giấy tờ, văn bản',
  },
  {
    number: '264/2016/TT-BTC',
    title:
      'Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí, lệ phí trong lĩnh vực ngoại giao áp dụng tại các Cơ quan đại diện Việt Nam ở nước ngoài',
  },
];

const G_XUAT_TRINH = 'Giấy tờ xuất trình khi yêu cầu chứng thực';

export const COPY_CERTIFICATION: DemoProcedure = {
  code: '2.000815',
  implementedBy: { communes: 'all', provincial: [] },
  workflows: [
    {
      agency: 'commune',
      definition: communeSameDayWorkflow(
        'Kiểm tra bản chính, đối chiếu bản sao; ghi lời chứng theo mẫu',
        'Người thực hiện chứng thực ký, ghi rõ họ tên',
      ),
    },
  ],
  content: {
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam; cơ quan, tổ chức có thẩm quyền của nước ngoài; cơ quan, tổ chức có thẩm quyền của Việt Nam liên kết với cơ quan, tổ chức có thẩm quyền của nước ngoài cấp hoặc chứng nhận',
    fieldName: 'Chứng thực',
    levels: ['Cấp xã', 'Cơ quan khác'],
    procedureType: 'TTHC không được luật giao cho địa phương quy định',
    applicantTypes: [
      'Công dân Việt Nam',
      'Tổ chức (không bao gồm doanh nghiệp, HTX)',
      'Người Việt Nam định cư ở nước ngoài',
    ],
    competentAgency: 'Ủy ban nhân dân cấp xã; tổ chức hành nghề công chứng; Cơ quan đại diện',
    implementingAgency: 'Ủy ban nhân dân cấp xã',
    coordinatingAgency: null,
    channels: [
      channel(
        'direct',
        LIMIT,
        [
          feeFixed(
            'Phí chứng thực bản sao từ bản chính, trang thứ nhất và thứ hai (mỗi trang)',
            2000,
            '2.000 đồng/trang; trang tính theo trang của bản chính.',
            false,
          ),
          feeFixed(
            'Phí chứng thực bản sao từ bản chính, từ trang thứ ba trở đi (mỗi trang)',
            1000,
            '1.000 đồng/trang; tổng phí mỗi bản không quá 200.000 đồng.',
            false,
          ),
        ],
        'Tối đa 200.000 đồng/bản.',
        '2,000 Việt Nam Đồng (/trang) Tại Ủy ban nhân dân cấp xã, Tổ chức hành nghề công chứng: 2.000 đồng/trang; từ trang thứ 3 trở lên thu 1.000 đồng/trang, tối đa thu không quá 200.000 đồng/bản. Trang là căn cứ để thu phí được tính theo trang của bản chính.',
      ),
    ],
    documents: [
      doc({
        group: G_XUAT_TRINH,
        code: 'BAN_CHINH',
        name: 'Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao',
        count: [1, 0, 0],
      }),
      doc({
        group: G_XUAT_TRINH,
        code: 'BAN_SAO',
        name: 'Bản sao cần chứng thực, có đầy đủ các trang đã ghi thông tin của bản chính; nếu chỉ xuất trình bản chính thì cơ quan chứng thực chụp từ bản chính, trừ khi không có phương tiện để chụp',
        count: [0, 0, 1],
        required: false,
      }),
    ],
    eform: {
      schema: {
        $schema: SCHEMA_2020,
        title: 'Phiếu yêu cầu chứng thực bản sao từ bản chính',
        type: 'object',
        additionalProperties: false,
        properties: {
          nguoiYeuCau: object(
            'Người yêu cầu chứng thực',
            { hoTen: NAME('Họ, chữ đệm và tên'), soDinhDanh: CCCD(), soDienThoai: PHONE },
            ['hoTen'],
          ),
          giayTo: {
            type: 'array',
            title: 'Giấy tờ, văn bản cần chứng thực',
            minItems: 1,
            maxItems: 50,
            items: object(
              'Giấy tờ, văn bản',
              {
                tenGiayTo: str('Tên giấy tờ, văn bản', { maxLength: 300 }),
                coQuanCap: str('Cơ quan, tổ chức cấp hoặc chứng nhận', { maxLength: 300 }),
                ngayCap: date('Ngày cấp'),
                soTrang: int('Số trang của bản chính', 1, 1000),
                soBanSao: int('Số bản sao cần chứng thực', 1, 100),
                doNuocNgoaiCap: bool('Do cơ quan, tổ chức nước ngoài cấp hoặc chứng nhận'),
              },
              ['tenGiayTo', 'coQuanCap', 'soTrang', 'soBanSao'],
            ),
          },
        },
        required: ['nguoiYeuCau', 'giayTo'],
      },
      uiSchema: {
        'ui:order': ['nguoiYeuCau', 'giayTo'],
        nguoiYeuCau: { 'ui:order': ['hoTen', 'soDinhDanh', 'soDienThoai'] },
        giayTo: {
          'ui:help': 'Mỗi dòng là một bản chính; phí tính theo số trang của bản chính và số bản sao.',
          items: {
            'ui:order': ['tenGiayTo', 'coQuanCap', 'ngayCap', 'soTrang', 'soBanSao', 'doNuocNgoaiCap'],
            ngayCap: { 'ui:widget': 'date' },
            soTrang: { 'ui:widget': 'updown' },
            soBanSao: { 'ui:widget': 'updown' },
            doNuocNgoaiCap: {
              'ui:help':
                'Giấy tờ nước ngoài phải được hợp pháp hóa lãnh sự, trừ hộ chiếu, thẻ căn cước, thẻ thường trú, thẻ cư trú, giấy phép lái xe, bằng tốt nghiệp, chứng chỉ và bảng điểm kèm theo.',
            },
          },
        },
      },
    },
    results: [
      { code: 'KQ.G15.000021', name: 'Bản sao được chứng thực từ bản chính', paper: true, electronic: false },
    ],
    onlineLevel: 'none',
    conditions:
      'Không chứng thực bản sao từ bản chính: bị tẩy xóa, sửa chữa, thêm, bớt nội dung không hợp lệ; bị hư hỏng, cũ nát, không xác định được nội dung; đóng dấu mật hoặc ghi rõ không được sao chụp; có nội dung trái pháp luật, đạo đức xã hội, xuyên tạc lịch sử, xúc phạm danh dự, nhân phẩm, vi phạm quyền công dân; do cơ quan có thẩm quyền của nước ngoài cấp, công chứng hoặc chứng nhận chưa được hợp pháp hóa lãnh sự (trừ hộ chiếu, thẻ căn cước, thẻ thường trú, thẻ cư trú, giấy phép lái xe, bằng tốt nghiệp, chứng chỉ, bảng điểm); giấy tờ do cá nhân tự lập không có xác nhận và đóng dấu của cơ quan, tổ chức có thẩm quyền.',
    legalBasis: LEGAL_BASIS,
    stepsText:
      '1. Người yêu cầu xuất trình bản chính và bản sao cần chứng thực (chỉ có bản chính thì cơ quan chứng thực chụp từ bản chính).\n2. Người thực hiện chứng thực kiểm tra bản chính, đối chiếu bản sao; bản chính không thuộc trường hợp bị cấm thì ghi lời chứng theo mẫu, ký, ghi rõ họ tên, đóng dấu và ghi vào sổ chứng thực. Bản sao từ hai trang ghi lời chứng ở trang cuối; từ hai tờ phải đóng dấu giáp lai; các bản sao từ một bản chính trong cùng một thời điểm ghi một số chứng thực.\n3. Không yêu cầu xuất trình giấy tờ đã tích hợp trên VNeID hoặc khai thác được từ Cơ sở dữ liệu quốc gia về dân cư.\n4. Người yêu cầu nhận kết quả tại nơi nộp hồ sơ.',
    decisionNo: '3152/QĐ-BTP',
    decisionDate: null,
    effectiveFrom: null,
  },
};

export const SIGNATURE_CERTIFICATION: DemoProcedure = {
  code: '2.000884',
  implementedBy: { communes: 'all', provincial: [] },
  workflows: [
    {
      agency: 'commune',
      definition: communeSameDayWorkflow(
        'Kiểm tra giấy tờ, năng lực hành vi của người yêu cầu; người yêu cầu ký (điểm chỉ) trước mặt; ghi lời chứng theo mẫu',
        'Người thực hiện chứng thực ký, ghi rõ họ tên',
      ),
    },
  ],
  content: {
    name: 'Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực điểm chỉ và trường hợp người yêu cầu chứng thực không thể ký, không thể điểm chỉ được)',
    fieldName: 'Chứng thực',
    levels: ['Cấp xã', 'Cơ quan khác'],
    procedureType: 'TTHC không được luật giao cho địa phương quy định',
    applicantTypes: ['Công dân Việt Nam', 'Người Việt Nam định cư ở nước ngoài'],
    competentAgency: 'Ủy ban nhân dân cấp xã; tổ chức hành nghề công chứng; Cơ quan đại diện',
    implementingAgency: 'Ủy ban nhân dân cấp xã',
    coordinatingAgency: null,
    channels: [
      channel(
        'direct',
        LIMIT,
        [
          feeFixed(
            'Phí chứng thực chữ ký (mỗi trường hợp)',
            10000,
            '10.000 đồng/trường hợp; một trường hợp là một hoặc nhiều chữ ký trong một giấy tờ, văn bản.',
            false,
          ),
        ],
        '',
        '10,000 Việt Nam Đồng (/trường hợp) Tại Ủy ban nhân dân cấp xã, Tổ chức hành nghề công chứng: 10.000 đồng/trường hợp (trường hợp được tính là một hoặc nhiều chữ ký trong một giấy tờ, văn bản).',
      ),
    ],
    documents: [
      doc({
        group: G_XUAT_TRINH,
        code: 'GIAY_TO_TUY_THAN',
        name: 'Một trong các giấy tờ: Căn cước điện tử; bản chính hoặc bản sao thẻ Căn cước công dân, thẻ Căn cước, Giấy chứng nhận căn cước, Hộ chiếu, giấy tờ xuất nhập cảnh hoặc giấy tờ có giá trị đi lại quốc tế còn giá trị sử dụng',
        count: [1, 0, 0],
        nationalData: 'population',
      }),
      doc({
        group: G_XUAT_TRINH,
        code: 'VAN_BAN_KY',
        name: 'Giấy tờ, văn bản mà người yêu cầu sẽ ký hoặc điểm chỉ trước mặt người thực hiện chứng thực',
        count: [1, 0, 0],
      }),
      doc({
        group: 'Trường hợp giấy tờ, văn bản bằng tiếng nước ngoài',
        code: 'BAN_DICH',
        name: 'Bản dịch ra tiếng Việt nội dung giấy tờ, văn bản, khi người thực hiện chứng thực không hiểu rõ nội dung (không cần công chứng hoặc chứng thực chữ ký người dịch; người yêu cầu chịu trách nhiệm về nội dung bản dịch)',
        count: [1, 0, 0],
        required: false,
      }),
    ],
    eform: {
      schema: {
        $schema: SCHEMA_2020,
        title: 'Phiếu yêu cầu chứng thực chữ ký',
        type: 'object',
        additionalProperties: false,
        properties: {
          nguoiYeuCau: object(
            'Người yêu cầu chứng thực',
            {
              hoTen: NAME('Họ, chữ đệm và tên'),
              ngaySinh: date('Ngày, tháng, năm sinh'),
              soDinhDanh: CCCD('Số định danh cá nhân hoặc số hộ chiếu'),
              soDienThoai: PHONE,
            },
            ['hoTen', 'ngaySinh', 'soDinhDanh'],
          ),
          hinhThuc: oneOf('Hình thức', ['ky', 'diem_chi', 'khong_the_ky_diem_chi']),
          giayTo: object(
            'Giấy tờ, văn bản cần chứng thực chữ ký',
            {
              tenGiayTo: str('Tên giấy tờ, văn bản', { maxLength: 300 }),
              loai: oneOf('Loại', ['giay_uy_quyen', 'don', 'ban_khai', 'van_ban_khac']),
              ngonNgu: oneOf('Ngôn ngữ', ['tieng_viet', 'tieng_nuoc_ngoai']),
              soBan: int('Số bản cần chứng thực', 1, 50),
            },
            ['tenGiayTo', 'loai', 'ngonNgu', 'soBan'],
          ),
          nguoiPhienDich: object(
            'Người phiên dịch (khi người yêu cầu không thông thạo tiếng Việt)',
            { hoTen: NAME('Họ, chữ đệm và tên'), soDinhDanh: CCCD('Số định danh cá nhân hoặc số hộ chiếu') },
            ['hoTen'],
          ),
        },
        required: ['nguoiYeuCau', 'hinhThuc', 'giayTo'],
      },
      uiSchema: {
        'ui:order': ['nguoiYeuCau', 'hinhThuc', 'giayTo', 'nguoiPhienDich'],
        nguoiYeuCau: {
          'ui:order': ['hoTen', 'ngaySinh', 'soDinhDanh', 'soDienThoai'],
          ngaySinh: { 'ui:widget': 'date' },
        },
        hinhThuc: {
          'ui:widget': 'radio',
          'ui:enumNames': ['Ký', 'Điểm chỉ', 'Không thể ký, không thể điểm chỉ được'],
          'ui:help': 'Người yêu cầu phải ký hoặc điểm chỉ trước mặt người thực hiện chứng thực.',
        },
        giayTo: {
          'ui:order': ['tenGiayTo', 'loai', 'ngonNgu', 'soBan'],
          loai: {
            'ui:widget': 'select',
            'ui:enumNames': ['Giấy ủy quyền', 'Đơn', 'Bản khai', 'Văn bản khác'],
            'ui:help':
              'Không chứng thực chữ ký trên văn bản có nội dung là giao dịch, trừ giấy ủy quyền nộp hộ, nhận hộ hồ sơ; nhận hộ lương hưu, bưu phẩm, trợ cấp; trông nom nhà cửa; vay vốn Ngân hàng Chính sách xã hội.',
          },
          ngonNgu: { 'ui:widget': 'radio', 'ui:enumNames': ['Tiếng Việt', 'Tiếng nước ngoài'] },
          soBan: { 'ui:widget': 'updown' },
        },
        nguoiPhienDich: {
          'ui:order': ['hoTen', 'soDinhDanh'],
          'ui:help':
            'Người phiên dịch do người yêu cầu mời hoặc cơ quan chứng thực chỉ định; thù lao do người yêu cầu trả.',
        },
      },
    },
    results: [
      {
        code: 'KQ.G15.000022',
        name: 'Giấy tờ, văn bản được chứng thực chữ ký, điểm chỉ',
        paper: true,
        electronic: false,
      },
    ],
    onlineLevel: 'none',
    conditions:
      'Không chứng thực chữ ký khi: người yêu cầu tại thời điểm chứng thực không nhận thức, làm chủ được hành vi; giấy tờ tùy thân xuất trình không còn giá trị sử dụng hoặc giả mạo; giấy tờ, văn bản có nội dung quy định tại khoản 4 Điều 22 Nghị định 23/2015/NĐ-CP; giấy tờ, văn bản có nội dung là giao dịch, trừ giấy ủy quyền nộp hộ, nhận hộ hồ sơ, giấy tờ; nhận hộ lương hưu, bưu phẩm, trợ cấp, phụ cấp; nhờ trông nom nhà cửa; ủy quyền của thành viên hộ gia đình để vay vốn tại Ngân hàng Chính sách xã hội, hoặc pháp luật có quy định khác.',
    legalBasis: [
      ...LEGAL_BASIS,
      {
        number: '66.7/2025/NQ-CP',
        title: 'Nghị quyết quy định cắt giảm, đơn giản hóa thủ tục hành chính dựa trên dữ liệu',
      },
      {
        number: '18/2026/NĐ-CP',
        title:
          'Nghị định sửa đổi, bổ sung một số nghị định để cắt giảm, đơn giản hóa thủ tục hành chính, điều kiện kinh doanh thuộc phạm vi quản lý của Bộ Tư pháp',
      },
    ],
    stepsText:
      '1. Người yêu cầu xuất trình giấy tờ tùy thân và giấy tờ, văn bản sẽ ký; không thông thạo tiếng Việt thì phải có người phiên dịch.\n2. Người thực hiện chứng thực (hoặc người tiếp nhận) kiểm tra; đủ giấy tờ, người yêu cầu minh mẫn, việc chứng thực không thuộc trường hợp bị cấm thì người yêu cầu ký hoặc điểm chỉ trước mặt.\n3. Ghi lời chứng theo mẫu dưới chữ ký hoặc trang liền sau (hồ sơ tiếp nhận tại Trung tâm Phục vụ hành chính công cấp xã thì người tiếp nhận ký dưới lời chứng và chuyển người thực hiện chứng thực); người thực hiện chứng thực ký, ghi rõ họ tên, đóng dấu, ghi sổ chứng thực; văn bản từ hai tờ phải đóng dấu giáp lai.\n4. Trả kết quả tại nơi nộp hồ sơ.',
    decisionNo: '858/QĐ-BTP',
    decisionDate: null,
    effectiveFrom: null,
  },
};
