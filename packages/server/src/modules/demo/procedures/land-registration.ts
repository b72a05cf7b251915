/**
 * 1.013978, first land registration and certificate for households and individuals: the liên
 * thông procedure of the demo (see land-common.ts for the two agencies' parts).
 */
import type { DemoProcedure } from '../procedures.js';
import {
  APPLICANT_UI,
  applicant,
  bool,
  CCCD,
  channel,
  date,
  doc,
  identityDoc,
  ifNegative,
  int,
  issue,
  joint,
  NAME,
  num,
  object,
  oneOf,
  receive,
  refuse,
  returnResult,
  SCHEMA_2020,
  task,
  to,
  workingDays,
} from './common.js';
import {
  COMMUNE_ECON,
  LAND_FEE_NOTE,
  LAND_FEE_RAW,
  LAND_FEES,
  LAND_LEGAL_BASIS,
  PARCEL,
  PARCEL_UI,
  QLDD,
  SNNMT,
} from './land-common.js';

const G_A = 'Trường hợp hộ gia đình, cá nhân, cộng đồng dân cư đăng ký, cấp Giấy chứng nhận lần đầu';
const G_B = 'Trường hợp người gốc Việt Nam định cư ở nước ngoài đăng ký, cấp Giấy chứng nhận lần đầu';
const G_C = 'Trường hợp đã có Thông báo xác nhận kết quả đăng ký đất đai, nay đề nghị cấp Giấy chứng nhận';
const G_XUAT_TRINH = 'Giấy tờ phải xuất trình';

const LAND_FORM = (group: string, prefix: string) =>
  doc({
    group,
    code: `${prefix}_DON_DANG_KY`,
    name: 'Đơn đăng ký đất đai, tài sản gắn liền với đất theo mẫu',
    count: [1, 0, 1],
    mustDigitise: true,
  });
const optional = (group: string, code: string, name: string, satisfiedBy?: string[]) =>
  doc({ group, code, name, count: [1, 0, 1], required: false, mustDigitise: true, satisfiedBy });

export const FIRST_LAND_REGISTRATION: DemoProcedure = {
  code: '1.013978',
  // the Sở takes part as the liên thông target: it implements the same procedure with its own workflow
  implementedBy: { communes: 'all', provincial: ['snnmt'] },
  workflows: [
    {
      agency: 'snnmt',
      // its share of the commune's limit: the budget of the commune's joint step (12 h)
      definition: {
        start: 'PHAN_CONG',
        steps: [
          task(
            'PHAN_CONG',
            'Tiếp nhận hồ sơ liên thông từ Ủy ban nhân dân xã, phân công thụ lý',
            'department_head',
            1,
            ['forward', 'return'],
            [to('THAM_DINH')],
            QLDD,
          ),
          task(
            'THAM_DINH',
            'Kiểm tra hồ sơ và bản sao Giấy chứng nhận đã cấp; lập, cập nhật, chỉnh lý hồ sơ địa chính và cơ sở dữ liệu đất đai',
            'specialist',
            5,
            ['forward', 'return', 'request_supplement'],
            [ifNegative('TU_CHOI'), to('PHE_DUYET')],
            QLDD,
          ),
          task(
            'PHE_DUYET',
            'Kiểm tra kết quả cập nhật, trình ký',
            'department_head',
            2,
            ['submit_approval', 'approve', 'return'],
            [to('KY')],
            QLDD,
          ),
          task(
            'KY',
            'Lãnh đạo ký xác nhận kết quả cập nhật hồ sơ địa chính',
            'agency_leader',
            2,
            ['approve', 'sign', 'return'],
            [to('BAN_HANH')],
          ),
          task(
            'BAN_HANH',
            'Cập nhật chính thức vào cơ sở dữ liệu đất đai, chuyển kết quả liên thông về Ủy ban nhân dân xã',
            'clerk',
            2,
            ['issue_result'],
            [],
            { end: 'result' },
          ),
          refuse(
            2,
            'Văn bản trả lại hồ sơ liên thông, nêu rõ lý do (thông tin không thống nhất với hồ sơ địa chính)',
          ),
        ],
      },
    },
    {
      agency: 'commune',
      // 17 working days (online, the strictest channel) = 136 h
      definition: {
        start: 'TIEP_NHAN',
        steps: [
          receive(4, 'THAM_TRA'),
          task(
            'THAM_TRA',
            'Trích lục bản đồ địa chính hoặc kiểm tra, ký xác nhận mảnh trích đo; xác nhận hiện trạng, tình trạng tranh chấp, nguồn gốc và thời điểm sử dụng đất; kiểm tra sự phù hợp quy hoạch',
            'specialist',
            16,
            ['forward', 'return', 'request_supplement', 'consult'],
            [ifNegative('TU_CHOI'), to('NIEM_YET')],
            COMMUNE_ECON,
          ),
          task(
            'NIEM_YET',
            'Niêm yết công khai kết quả kiểm tra tại trụ sở Ủy ban nhân dân xã và khu dân cư nơi có đất trong 15 ngày (Mẫu số 17 Nghị định 151/2025/NĐ-CP); xem xét ý kiến phản ánh',
            'specialist',
            88,
            ['forward', 'return'],
            [ifNegative('TU_CHOI'), to('PHE_DUYET')],
            COMMUNE_ECON,
          ),
          task(
            'PHE_DUYET',
            'Kiểm tra điều kiện cấp Giấy chứng nhận; gửi Phiếu chuyển thông tin xác định nghĩa vụ tài chính (Mẫu số 19) đến cơ quan thuế; trình ký',
            'department_head',
            4,
            ['submit_approval', 'approve', 'return'],
            [to('KY')],
            COMMUNE_ECON,
          ),
          task(
            'KY',
            'Chủ tịch Ủy ban nhân dân xã ký Giấy chứng nhận, hoặc Thông báo xác nhận kết quả đăng ký đất đai (Mẫu số 16) khi không có nhu cầu hoặc không đủ điều kiện cấp',
            'agency_leader',
            4,
            ['approve', 'sign', 'return'],
            [to('BAN_HANH')],
          ),
          issue(4, 'LIEN_THONG', 'Vào sổ cấp Giấy chứng nhận, ban hành kết quả'),
          joint(
            'LIEN_THONG',
            'Chuyển Văn phòng đăng ký đất đai (Sở Nông nghiệp và Môi trường) lập, cập nhật, chỉnh lý hồ sơ địa chính, cơ sở dữ liệu đất đai',
            SNNMT,
            12,
            [to('TRA_KET_QUA')],
          ),
          returnResult(4),
          refuse(4, 'Ký văn bản từ chối đăng ký, cấp Giấy chứng nhận, nêu rõ lý do'),
        ],
      },
    },
  ],
  content: {
    name: 'Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu đối với hộ gia đình, cá nhân, cộng đồng dân cư, người gốc Việt Nam định cư ở nước ngoài',
    fieldName: 'Đất đai',
    levels: ['Cấp xã'],
    procedureType: 'TTHC được giao luật quy định chi tiết',
    applicantTypes: ['Công dân Việt Nam'],
    competentAgency: 'Chủ tịch Ủy ban nhân dân cấp xã',
    implementingAgency:
      'Ủy ban nhân dân cấp xã; Văn phòng đăng ký đất đai, Chi nhánh Văn phòng đăng ký đất đai',
    coordinatingAgency: 'Văn phòng đăng ký đất đai (Sở Nông nghiệp và Môi trường); cơ quan thuế',
    channels: [
      channel('direct', workingDays(27, '27 Ngày làm việc'), LAND_FEES, LAND_FEE_NOTE, LAND_FEE_RAW),
      channel('online', workingDays(17, '17 Ngày làm việc'), LAND_FEES, LAND_FEE_NOTE, LAND_FEE_RAW),
      channel('postal', workingDays(20, '20 Ngày làm việc'), LAND_FEES, LAND_FEE_NOTE, LAND_FEE_RAW),
    ],
    documents: [
      LAND_FORM(G_A, 'A'),
      optional(
        G_A,
        'A_GIAY_TO_QSDD',
        'Một trong các loại giấy tờ quy định tại Điều 137, khoản 1, khoản 5 Điều 148, khoản 1, khoản 5 Điều 149 Luật Đất đai; sơ đồ nhà ở, công trình xây dựng (nếu có)',
      ),
      optional(G_A, 'A_TRICH_DO', 'Mảnh trích đo bản đồ địa chính thửa đất (nếu có)'),
      optional(
        G_A,
        'A_CHUYEN_QUYEN',
        'Giấy tờ về việc chuyển quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất có chữ ký của bên chuyển quyền và bên nhận chuyển quyền, khi nhận chuyển quyền mà chưa làm thủ tục chuyển quyền',
      ),
      optional(
        G_A,
        'A_THUA_KE',
        'Giấy tờ về việc nhận thừa kế quyền sử dụng đất theo pháp luật dân sự (kèm giấy tờ chuyển quyền trong trường hợp khoản 4 Điều 45 Luật Đất đai), khi nhận thừa kế chưa được cấp Giấy chứng nhận',
      ),
      optional(
        G_A,
        'A_THANH_VIEN_HGD',
        'Văn bản xác định các thành viên có chung quyền sử dụng đất của hộ gia đình, khi hộ gia đình đang sử dụng đất',
      ),
      optional(
        G_A,
        'A_CAP_CHUNG',
        'Văn bản thỏa thuận cấp chung một Giấy chứng nhận, khi nhiều người chung quyền sử dụng đất, chung quyền sở hữu tài sản gắn liền với đất',
      ),
      optional(
        G_A,
        'A_DAI_DIEN',
        'Văn bản về việc đại diện theo pháp luật dân sự, khi thực hiện thủ tục thông qua người đại diện',
        ['2.000884'],
      ),
      optional(
        G_A,
        'A_NGHIA_VU_TAI_CHINH',
        'Chứng từ thực hiện nghĩa vụ tài chính; giấy tờ liên quan đến miễn, giảm nghĩa vụ tài chính về đất đai, tài sản gắn liền với đất (nếu có)',
      ),
      optional(
        G_A,
        'A_THUA_LIEN_KE',
        'Hợp đồng, văn bản thỏa thuận hoặc quyết định của Tòa án về xác lập quyền đối với thửa đất liền kề, kèm sơ đồ vị trí, kích thước phần diện tích được quyền sử dụng hạn chế',
      ),
      optional(
        G_A,
        'A_XU_PHAT',
        'Quyết định xử phạt vi phạm hành chính trong lĩnh vực đất đai và chứng từ nộp phạt (trường hợp tại điểm a khoản 6 Điều 25 Nghị định 101/2024/NĐ-CP)',
      ),
      optional(
        G_A,
        'A_DU_DIEU_KIEN_TON_TAI',
        'Giấy xác nhận của cơ quan quản lý xây dựng cấp huyện trước ngày 01/7/2025 về đủ điều kiện tồn tại nhà ở, công trình xây dựng phải xin phép (khoản 3 Điều 148, khoản 3 Điều 149 Luật Đất đai), nếu có',
      ),
      optional(
        G_A,
        'A_THIET_KE_CONG_TRINH',
        'Hồ sơ thiết kế xây dựng đã được thẩm định hoặc văn bản chấp thuận kết quả nghiệm thu, khi chứng nhận quyền sở hữu công trình xây dựng trên đất nông nghiệp không có giấy tờ theo Điều 149 Luật Đất đai hoặc công trình được miễn giấy phép xây dựng',
      ),
      optional(
        G_A,
        'A_DIEU_140',
        'Giấy tờ về giao đất không đúng thẩm quyền hoặc về mua, nhận thanh lý, hóa giá, phân phối nhà ở, công trình xây dựng gắn liền với đất theo Điều 140 Luật Đất đai (nếu có)',
      ),
      LAND_FORM(G_B, 'B'),
      optional(
        G_B,
        'B_GIAY_TO_QSDD',
        'Một trong các loại giấy tờ quy định tại Điều 137, khoản 4, khoản 5 Điều 148, khoản 4, khoản 5 Điều 149 Luật Đất đai (nếu có)',
      ),
      optional(G_B, 'B_THUA_KE', 'Giấy tờ về việc nhận thừa kế quyền sử dụng đất theo pháp luật dân sự'),
      optional(
        G_B,
        'B_DAI_DIEN',
        'Văn bản về việc đại diện theo pháp luật dân sự, khi thực hiện thủ tục thông qua người đại diện',
        ['2.000884'],
      ),
      optional(
        G_B,
        'B_CAP_CHUNG',
        'Văn bản thỏa thuận cấp chung một Giấy chứng nhận, khi nhiều người chung quyền',
      ),
      LAND_FORM(G_C, 'C'),
      doc({
        group: G_C,
        code: 'C_THONG_BAO_DANG_KY',
        name: 'Thông báo xác nhận kết quả đăng ký đất đai',
        count: [1, 0, 1],
        mustDigitise: true,
        satisfiedBy: ['KQ.G10.000921'],
      }),
      identityDoc(G_XUAT_TRINH),
    ],
    eform: {
      schema: {
        $schema: SCHEMA_2020,
        title: 'Đơn đăng ký đất đai, tài sản gắn liền với đất',
        type: 'object',
        additionalProperties: false,
        properties: {
          nguoiSuDungDat: applicant('Người sử dụng đất'),
          loaiNguoiSuDung: oneOf('Người sử dụng đất là', [
            'ca_nhan',
            'ho_gia_dinh',
            'cong_dong_dan_cu',
            'nguoi_goc_viet_nam_o_nuoc_ngoai',
          ]),
          thanhVienChungQuyen: {
            type: 'array',
            title: 'Người có chung quyền sử dụng đất',
            maxItems: 30,
            items: object(
              'Người chung quyền',
              {
                hoTen: NAME('Họ, chữ đệm và tên'),
                ngaySinh: date('Ngày, tháng, năm sinh'),
                soDinhDanh: CCCD(),
              },
              ['hoTen', 'ngaySinh', 'soDinhDanh'],
            ),
          },
          thuaDat: PARCEL,
          taiSan: object(
            'Tài sản gắn liền với đất',
            {
              coNhaO: bool('Có nhà ở, công trình xây dựng'),
              dienTichXayDung: num('Diện tích xây dựng (m²)', 0, 10_000_000),
              dienTichSan: num('Diện tích sàn (m²)', 0, 100_000_000),
              soTang: int('Số tầng', 1, 200),
              deNghiChungNhan: bool('Đề nghị chứng nhận quyền sở hữu tài sản'),
            },
            ['coNhaO'],
          ),
          giayToVeQuyenSuDungDat: oneOf('Giấy tờ về quyền sử dụng đất', ['co_giay_to', 'khong_co_giay_to']),
          deNghiCapGiayChungNhan: bool('Đề nghị cấp Giấy chứng nhận'),
          deNghiGhiNo: bool('Đề nghị ghi nợ nghĩa vụ tài chính'),
        },
        required: [
          'nguoiSuDungDat',
          'loaiNguoiSuDung',
          'thuaDat',
          'giayToVeQuyenSuDungDat',
          'deNghiCapGiayChungNhan',
        ],
      },
      uiSchema: {
        'ui:order': [
          'nguoiSuDungDat',
          'loaiNguoiSuDung',
          'thanhVienChungQuyen',
          'thuaDat',
          'taiSan',
          'giayToVeQuyenSuDungDat',
          'deNghiCapGiayChungNhan',
          'deNghiGhiNo',
        ],
        nguoiSuDungDat: APPLICANT_UI,
        loaiNguoiSuDung: {
          'ui:widget': 'select',
          'ui:enumNames': [
            'Cá nhân',
            'Hộ gia đình',
            'Cộng đồng dân cư',
            'Người gốc Việt Nam định cư ở nước ngoài',
          ],
        },
        thanhVienChungQuyen: {
          'ui:help': 'Khai khi nhiều người chung quyền sử dụng đất hoặc hộ gia đình đang sử dụng đất.',
          items: { 'ui:order': ['hoTen', 'ngaySinh', 'soDinhDanh'], ngaySinh: { 'ui:widget': 'date' } },
        },
        thuaDat: PARCEL_UI,
        taiSan: { 'ui:order': ['coNhaO', 'dienTichXayDung', 'dienTichSan', 'soTang', 'deNghiChungNhan'] },
        giayToVeQuyenSuDungDat: {
          'ui:widget': 'radio',
          'ui:enumNames': ['Có giấy tờ theo Điều 137 Luật Đất đai', 'Không có giấy tờ'],
          'ui:help': 'Không có giấy tờ thì Ủy ban nhân dân xã xác nhận thêm nguồn gốc sử dụng đất.',
        },
        deNghiCapGiayChungNhan: {
          'ui:help':
            'Không đề nghị hoặc không đủ điều kiện cấp thì nhận Thông báo xác nhận kết quả đăng ký đất đai; có thể đề nghị cấp Giấy chứng nhận sau.',
        },
      },
    },
    results: [
      {
        code: 'KQ.G10.001148',
        name: 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
        paper: true,
        electronic: false,
      },
      {
        code: 'KQ.G10.000921',
        name: 'Thông báo xác nhận kết quả đăng ký đất đai',
        paper: true,
        electronic: true,
      },
    ],
    onlineLevel: 'partial',
    conditions:
      'Thửa đất đủ điều kiện đăng ký và cấp Giấy chứng nhận theo Luật Đất đai: sử dụng ổn định, không có tranh chấp, phù hợp quy hoạch đối với các trường hợp phải phù hợp quy hoạch. Khi nhận kết quả, người đã nộp bản sao hoặc bản số hóa phải nộp bản chính các giấy tờ thuộc thành phần hồ sơ.',
    legalBasis: LAND_LEGAL_BASIS,
    stepsText:
      '1. Người yêu cầu đăng ký nộp hồ sơ tại Trung tâm Phục vụ hành chính công (bản sao kèm bản chính để đối chiếu, bản chính hoặc bản sao có công chứng, chứng thực; trực tuyến thì số hóa từ bản chính hoặc bản sao có chứng thực).\n2. Cơ quan tiếp nhận kiểm tra thành phần hồ sơ, cấp Giấy tiếp nhận và hẹn trả kết quả (thiếu thì trả kèm Phiếu yêu cầu bổ sung), chuyển Ủy ban nhân dân xã nơi có đất.\n3. Ủy ban nhân dân xã trích lục bản đồ địa chính hoặc kiểm tra mảnh trích đo (chưa có thì đề nghị đơn vị đo đạc trích đo trong 05 ngày làm việc); xác nhận hiện trạng, tranh chấp, nguồn gốc sử dụng đất; kiểm tra quy hoạch; niêm yết công khai 15 ngày; kiểm tra điều kiện cấp Giấy chứng nhận.\n4. Không có nhu cầu hoặc không đủ điều kiện: ban hành Thông báo xác nhận kết quả đăng ký đất đai. Đủ điều kiện: gửi Phiếu chuyển thông tin đến cơ quan thuế; khi hoàn thành hoặc được ghi nợ nghĩa vụ tài chính, Chủ tịch Ủy ban nhân dân xã cấp Giấy chứng nhận.\n5. Chuyển hồ sơ kèm bản sao Giấy chứng nhận (hoặc Thông báo) đến Văn phòng, Chi nhánh Văn phòng đăng ký đất đai để lập, cập nhật, chỉnh lý hồ sơ địa chính, cơ sở dữ liệu đất đai; trao kết quả cho người sử dụng đất.',
    decisionNo: '3380/QĐ-BNNMT',
    decisionDate: null,
    effectiveFrom: null,
  },
};
