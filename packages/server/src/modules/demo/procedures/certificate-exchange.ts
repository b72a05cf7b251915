/** 1.012783, exchange of a land-use certificate (cấp đổi), at Sở Nông nghiệp và Môi trường. */
import type { DemoProcedure } from '../procedures.js';
import {
  ADDRESS_UI,
  APPLICANT_UI,
  address,
  applicant,
  bool,
  channel,
  date,
  doc,
  identityDoc,
  ifNegative,
  issue,
  object,
  oneOf,
  receive,
  refuse,
  returnResult,
  SCHEMA_2020,
  str,
  TTPVHCC,
  TTPVHCC_DEPT,
  task,
  to,
  workingDays,
} from './common.js';
import { LAND_FEE_NOTE, LAND_FEE_RAW, LAND_FEES, LAND_LEGAL_BASIS, QLDD } from './land-common.js';

// ---------------------------------------------------------------------------------------------

const ONE_STOP = { agency: TTPVHCC, department: TTPVHCC_DEPT };
const G_CAP_DOI = 'Hồ sơ đề nghị cấp đổi Giấy chứng nhận';

export const CERTIFICATE_EXCHANGE: DemoProcedure = {
  code: '1.012783',
  implementedBy: { communes: 'none', provincial: ['snnmt'] },
  receivingAgency: 'ttpvhcc',
  workflows: [
    {
      agency: 'snnmt',
      // 5 working days (direct, the strictest channel) = 40 h
      definition: {
        start: 'TIEP_NHAN',
        steps: [
          receive(4, 'PHAN_CONG', ONE_STOP),
          task(
            'PHAN_CONG',
            'Phân công chuyên viên thụ lý',
            'department_head',
            2,
            ['forward', 'return'],
            [to('THAM_DINH')],
            QLDD,
          ),
          task(
            'THAM_DINH',
            'Kiểm tra hồ sơ; trích lục hoặc kiểm tra, ký duyệt mảnh trích đo khi cần; khai thác tình trạng hôn nhân từ Cơ sở dữ liệu quốc gia về dân cư; chỉnh lý, cập nhật hồ sơ địa chính, cơ sở dữ liệu đất đai; in Giấy chứng nhận',
            'specialist',
            16,
            ['forward', 'return', 'request_supplement', 'consult'],
            [ifNegative('TU_CHOI'), to('PHE_DUYET')],
            QLDD,
          ),
          task(
            'PHE_DUYET',
            'Xem xét, trình ký',
            'department_head',
            4,
            ['submit_approval', 'approve', 'return'],
            [to('KY')],
            QLDD,
          ),
          task(
            'KY',
            'Lãnh đạo ký Giấy chứng nhận',
            'agency_leader',
            6,
            ['approve', 'sign', 'return'],
            [to('BAN_HANH')],
          ),
          issue(4, 'TRA_KET_QUA', 'Vào sổ cấp Giấy chứng nhận, ban hành'),
          returnResult(4, ONE_STOP),
          refuse(4),
        ],
      },
    },
  ],
  content: {
    name: 'Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
    fieldName: 'Đất đai',
    levels: ['Cấp tỉnh'],
    procedureType: 'TTHC được giao luật quy định chi tiết',
    applicantTypes: [
      'Công dân Việt Nam',
      'Người nước ngoài',
      'Doanh nghiệp',
      'Tổ chức nước ngoài',
      'Hợp tác xã',
      'Doanh nghiệp có vốn đầu tư nước ngoài',
      'Người Việt Nam định cư ở nước ngoài',
      'Tổ chức (không bao gồm doanh nghiệp, HTX)',
    ],
    competentAgency: 'Văn phòng đăng ký đất đai, Chi nhánh Văn phòng đăng ký đất đai',
    implementingAgency:
      'Văn phòng đăng ký đất đai, Chi nhánh Văn phòng đăng ký đất đai (Sở Nông nghiệp và Môi trường)',
    coordinatingAgency: 'Cơ quan thuế',
    channels: [
      channel(
        'direct',
        workingDays(5, '5 Ngày làm việc'),
        LAND_FEES.slice(0, 1),
        LAND_FEE_NOTE,
        LAND_FEE_RAW,
      ),
      channel(
        'online',
        workingDays(15, '15 Ngày làm việc'),
        LAND_FEES.slice(0, 1),
        LAND_FEE_NOTE,
        LAND_FEE_RAW,
      ),
      channel(
        'postal',
        workingDays(20, '20 Ngày làm việc'),
        LAND_FEES.slice(0, 1),
        LAND_FEE_NOTE,
        'Miễn phí',
      ),
    ],
    documents: [
      doc({
        group: G_CAP_DOI,
        code: 'DON_BIEN_DONG',
        name: 'Đơn đăng ký biến động đất đai, tài sản gắn liền với đất theo Mẫu số 18 ban hành kèm theo Nghị định 151/2025/NĐ-CP; hộ gia đình muốn ghi đầy đủ tên các thành viên có chung quyền sử dụng đất thì thể hiện thông tin các thành viên trong đơn',
        count: [1, 0, 0],
        mustDigitise: true,
      }),
      doc({
        group: G_CAP_DOI,
        code: 'GCN_DA_CAP',
        name: 'Bản gốc Giấy chứng nhận đã cấp',
        count: [1, 0, 0],
        mustDigitise: true,
      }),
      doc({
        group: G_CAP_DOI,
        code: 'TRICH_DO',
        name: 'Mảnh trích đo bản đồ địa chính thửa đất, khi trích đo mà ranh giới thửa đất không thay đổi hoặc người sử dụng đất có nhu cầu đo đạc xác định lại kích thước các cạnh, diện tích',
        count: [0, 0, 1],
        required: false,
        mustDigitise: true,
      }),
      doc({
        group: 'Trường hợp cấp đổi để ghi cả họ, tên vợ và họ, tên chồng',
        code: 'GIAY_TO_HON_NHAN',
        name: 'Bản sao giấy đăng ký kết hôn hoặc giấy tờ khác về tình trạng hôn nhân, chỉ khi không khai thác được thông tin về tình trạng hôn nhân từ Cơ sở dữ liệu quốc gia về dân cư',
        count: [0, 0, 1],
        required: false,
        nationalData: 'population',
        satisfiedBy: ['1.000894'],
      }),
      identityDoc('Giấy tờ phải xuất trình'),
    ],
    eform: {
      schema: {
        $schema: SCHEMA_2020,
        title: 'Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (cấp đổi Giấy chứng nhận)',
        type: 'object',
        additionalProperties: false,
        properties: {
          nguoiSuDungDat: applicant('Người sử dụng đất, chủ sở hữu tài sản'),
          giayChungNhan: object(
            'Giấy chứng nhận đã cấp',
            {
              soPhatHanh: str('Số phát hành (số seri)', { pattern: '^[A-Z]{2} ?[0-9]{6,8}$' }),
              soVaoSo: str('Số vào sổ cấp Giấy chứng nhận', { maxLength: 50 }),
              ngayCap: date('Ngày cấp'),
              coQuanCap: str('Cơ quan cấp', { maxLength: 300 }),
            },
            ['soPhatHanh', 'ngayCap', 'coQuanCap'],
          ),
          thuaDat: object(
            'Thửa đất',
            {
              soThua: str('Số thửa', { maxLength: 20 }),
              soToBanDo: str('Số tờ bản đồ', { maxLength: 20 }),
              diaChi: address('Địa chỉ thửa đất'),
            },
            ['soThua', 'soToBanDo', 'diaChi'],
          ),
          lyDo: oneOf('Lý do cấp đổi', [
            'o_nhoe_hu_hong',
            'do_dac_lap_ban_do_moi',
            'ghi_ten_vo_chong',
            'xac_dinh_lai_kich_thuoc_dien_tich',
            'vi_tri_thua_dat_khong_chinh_xac',
            'khac',
          ]),
          moTaLyDo: str('Mô tả thêm lý do', { maxLength: 1000 }),
          coNhuCauDoDac: bool('Có nhu cầu đo đạc xác định lại kích thước các cạnh, diện tích'),
        },
        required: ['nguoiSuDungDat', 'giayChungNhan', 'thuaDat', 'lyDo'],
      },
      uiSchema: {
        'ui:order': ['nguoiSuDungDat', 'giayChungNhan', 'thuaDat', 'lyDo', 'moTaLyDo', 'coNhuCauDoDac'],
        nguoiSuDungDat: APPLICANT_UI,
        giayChungNhan: {
          'ui:order': ['soPhatHanh', 'soVaoSo', 'ngayCap', 'coQuanCap'],
          soPhatHanh: {
            'ui:help': 'Hai chữ cái và dãy số in ở trang 1 của Giấy chứng nhận, ví dụ CS 123456.',
          },
          ngayCap: { 'ui:widget': 'date' },
        },
        thuaDat: { 'ui:order': ['soThua', 'soToBanDo', 'diaChi'], diaChi: ADDRESS_UI },
        lyDo: {
          'ui:widget': 'select',
          'ui:enumNames': [
            'Giấy chứng nhận bị ố, nhòe, rách, hư hỏng',
            'Đo đạc lập bản đồ địa chính mới',
            'Ghi cả họ, tên vợ và họ, tên chồng',
            'Xác định lại kích thước các cạnh, diện tích thửa đất',
            'Vị trí thửa đất trên Giấy chứng nhận không chính xác',
            'Lý do khác',
          ],
        },
        moTaLyDo: { 'ui:widget': 'textarea' },
      },
    },
    results: [
      {
        code: 'KQ.G10.001147',
        name: 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất (cấp đổi)',
        paper: true,
        electronic: false,
      },
    ],
    onlineLevel: 'partial',
    conditions:
      'Cấp đổi khi Giấy chứng nhận đã cấp bị ố, nhòe, rách, hư hỏng; đo đạc lập bản đồ địa chính mới; ghi cả tên vợ và chồng; xác định lại kích thước các cạnh, diện tích; vị trí thửa đất trên Giấy chứng nhận không chính xác so với thực tế sử dụng. Bên nhận thế chấp đang giữ Giấy chứng nhận thì việc trao Giấy chứng nhận mới thực hiện đồng thời giữa Văn phòng đăng ký đất đai, người sử dụng đất và bên nhận thế chấp.',
    legalBasis: LAND_LEGAL_BASIS,
    stepsText:
      '1. Người yêu cầu nộp hồ sơ tại Trung tâm Phục vụ hành chính công, Văn phòng đăng ký đất đai hoặc Chi nhánh Văn phòng đăng ký đất đai trên địa bàn tỉnh, thành phố.\n2. Cơ quan tiếp nhận kiểm tra thành phần hồ sơ, cấp Giấy tiếp nhận và hẹn trả kết quả; Trung tâm Phục vụ hành chính công chuyển hồ sơ đến Văn phòng đăng ký đất đai.\n3. Văn phòng đăng ký đất đai khai thác tình trạng hôn nhân từ Cơ sở dữ liệu quốc gia về dân cư khi ghi tên vợ và chồng; kiểm tra thực địa khi vị trí thửa đất không chính xác; kiểm tra, ký duyệt hoặc trích đo bản đồ địa chính khi cần; gửi Phiếu chuyển thông tin đến cơ quan thuế nếu phải thực hiện nghĩa vụ tài chính; chỉnh lý, cập nhật hồ sơ địa chính, cơ sở dữ liệu đất đai; cấp Giấy chứng nhận và trao hoặc gửi cơ quan tiếp nhận để trao.',
    decisionNo: '3380/QĐ-BNNMT',
    decisionDate: null,
    effectiveFrom: null,
  },
};
