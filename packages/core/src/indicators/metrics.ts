/**
 * The Decision 766 indicators MotCua projects, with where each rule comes from
 * (INDICATORS-766.md §1: [OFF] the decision, [OPS] the portal's operational documents, [REV]
 * reverse-engineered from published scores) and whether it was verified against published values
 * (indicators-766/scoring-formulas.json). The portal's published score stays authoritative:
 * these are projections, labelled as such wherever they are shown.
 */

export const GROUPS = [
  { id: 'transparency', no: '1', max: 18, vi: 'Công khai, minh bạch', en: 'Transparency' },
  { id: 'progress', no: '2', max: 20, vi: 'Tiến độ, kết quả giải quyết', en: 'Progress and results' },
  { id: 'online_services', no: '3a', max: 12, vi: 'Dịch vụ công trực tuyến', en: 'Online public services' },
  { id: 'online_payment', no: '3b', max: 10, vi: 'Thanh toán trực tuyến', en: 'Online payment' },
  { id: 'digitisation', no: '4', max: 22, vi: 'Số hóa hồ sơ', en: 'Digitisation' },
  { id: 'satisfaction', no: '5', max: 18, vi: 'Mức độ hài lòng', en: 'Satisfaction' },
] as const;
export type GroupId = (typeof GROUPS)[number]['id'];

export type Basis = 'OFF' | 'OPS' | 'REV';
/** verified: reproduces published scores to ±0.015; unverified: only zero observations; unresolved: not scored */
export type RuleStatus = 'verified' | 'unverified' | 'unresolved';

/**
 * How a metric's ratio becomes points. `fullAt`: the percentage that earns the maximum (100, or 80
 * and 90 where the published scores show it); `whenEmpty`: the score when the denominator is 0.
 */
export type ScoringRule =
  | { kind: 'linear'; fullAt: number; whenEmpty: 'null' | 'zero' | 'full' }
  | { kind: 'payment' }
  | { kind: 'tracking' }
  | { kind: 'unresolved' };

export interface MetricDef {
  no: string;
  code: string;
  group: GroupId;
  vi: string;
  en: string;
  max: number;
  rule: ScoringRule;
  basis: Basis;
  status: RuleStatus;
  /** what MotCua counts, in a sentence (the S10 counting rule) */
  counts: string;
  /** Vietnamese note shown beside the figure where the rule is uncertain */
  caveat?: string;
}

const linear = (fullAt = 100, whenEmpty: 'null' | 'zero' | 'full' = 'null'): ScoringRule => ({
  kind: 'linear',
  fullAt,
  whenEmpty,
});

export const METRICS: readonly MetricDef[] = [
  {
    no: '1.1',
    code: 'PUBLISH_ON_TIME',
    group: 'transparency',
    vi: 'TTHC được công bố đúng hạn',
    en: 'Procedures published on time',
    max: 6,
    rule: linear(),
    basis: 'REV',
    status: 'verified',
    counts:
      'procedures whose publication decision is dated at least 5 working days before the legal basis takes effect ÷ procedures due for publication',
  },
  {
    no: '1.2',
    code: 'PUBLIC_UPDATE_ON_TIME',
    group: 'transparency',
    vi: 'TTHC được cập nhật, công khai đúng hạn',
    en: 'Procedures made public on time',
    max: 4,
    rule: linear(),
    basis: 'REV',
    status: 'verified',
    counts: 'procedures made public within 5 working days of their decision ÷ procedures due',
  },
  {
    no: '1.3',
    code: 'PUBLIC_CONTENT_FULL',
    group: 'transparency',
    vi: 'TTHC công khai đầy đủ nội dung',
    en: 'Procedures published with full content',
    max: 2,
    rule: linear(),
    basis: 'REV',
    status: 'verified',
    counts: 'procedures with every part of Decree 63/2010 Art. 8(2) ÷ procedures published',
  },
  {
    no: '1.4',
    code: 'DOSSIER_SYNC',
    group: 'transparency',
    vi: 'Hồ sơ đồng bộ đầy đủ, đúng thời gian thực',
    en: 'Dossiers synchronised in real time',
    max: 6,
    rule: linear(),
    basis: 'REV',
    status: 'verified',
    counts: 'dossiers whose progress was synchronised on time ÷ dossiers received, in progress or returned',
    caveat: 'Mẫu số do Cổng DVCQG xác định (tạm tính)',
  },
  {
    no: '2.1',
    code: 'DOSSIER_ON_TIME',
    group: 'progress',
    vi: 'Hồ sơ giải quyết đúng hạn',
    en: 'Dossiers handled on time',
    max: 20,
    rule: linear(100, 'null'),
    basis: 'REV',
    status: 'verified',
    counts: '(resolved early or on time + open within time) ÷ dossiers received and handled in the period',
    caveat: 'Khi không có hồ sơ, cách chấm của Cổng chưa xác định: hiển thị "không có dữ liệu"',
  },
  {
    no: '3.x',
    code: 'FULL_ONLINE_DOSSIERS',
    group: 'online_services',
    vi: 'Hồ sơ trực tuyến toàn trình',
    en: 'Full-online dossiers',
    max: 12,
    rule: { kind: 'unresolved' },
    basis: 'OPS',
    status: 'unresolved',
    counts: 'full-online dossiers ÷ dossiers of procedures eligible for full-online service',
    caveat: 'Công thức chấm điểm chưa xác định: chỉ hiển thị số liệu, không tính điểm',
  },
  {
    no: '3.3',
    code: 'ONLINE_CHANNEL_SHARE',
    group: 'online_services',
    vi: 'Tỷ lệ hồ sơ nộp trực tuyến',
    en: 'Share of dossiers submitted online',
    max: 0,
    rule: { kind: 'unresolved' },
    basis: 'OPS',
    status: 'unresolved',
    counts: 'dossiers received online ÷ dossiers received',
    caveat: 'Chỉ hiển thị số liệu, không tính điểm',
  },
  {
    no: '3b',
    code: 'ONLINE_PAYMENT',
    group: 'online_payment',
    vi: 'Thanh toán trực tuyến',
    en: 'Online payment',
    max: 10,
    rule: { kind: 'payment' },
    basis: 'REV',
    status: 'verified',
    counts:
      '6·A + min(2, 2.5·B) + 2.5·C; A = dossiers paid online ÷ dossiers with a financial obligation; B = fee-bearing procedures with online-paid dossiers ÷ fee-bearing procedures; C = fee-bearing procedures with dossiers ÷ fee-bearing procedures',
  },
  {
    no: '4.1',
    code: 'ORIGINAL_RESULT_AVAILABLE',
    group: 'digitisation',
    vi: 'Kết quả giải quyết điện tử',
    en: 'Electronic results',
    max: 6,
    rule: linear(),
    basis: 'REV',
    status: 'verified',
    counts: 'dossiers returned with an electronic result file ÷ dossiers completed and returned',
  },
  {
    no: '4.2',
    code: 'SO_HOA_GIAY_TO_GIAI_QUYET',
    group: 'digitisation',
    vi: 'Số hóa thành phần hồ sơ',
    en: 'Digitised dossier components',
    max: 4,
    rule: linear(),
    basis: 'REV',
    status: 'verified',
    counts: 'dossiers with every component digitised and an electronic result ÷ dossiers resolved',
    caveat: 'Tài liệu vận hành ghi "≥ 80% đạt tối đa"; điểm công bố khớp với tỷ lệ/100 (đang dùng)',
  },
  {
    no: '4.x',
    code: 'ELECTRONIC_CERTIFIED_COPY',
    group: 'digitisation',
    vi: 'Chứng thực bản sao điện tử',
    en: 'Electronic certified copies',
    max: 2,
    rule: linear(),
    basis: 'REV',
    status: 'verified',
    counts: 'communes offering electronic certified copies ÷ communes',
  },
  {
    no: '4.3',
    code: 'REUSED_DIGITIZED_DATA',
    group: 'digitisation',
    vi: 'Khai thác, tái sử dụng dữ liệu số hóa',
    en: 'Reuse of digitised data',
    max: 2,
    rule: linear(80),
    basis: 'REV',
    status: 'verified',
    counts: 'dossiers with at least one reused component ÷ dossiers received',
  },
  {
    no: '4.4',
    code: 'SYNCED_WITH_DVCQG_PERSONAL_STORAGE',
    group: 'digitisation',
    vi: 'Kết nối kho dữ liệu cá nhân',
    en: 'Personal data store connection',
    max: 4,
    rule: linear(),
    basis: 'REV',
    status: 'unverified',
    counts:
      "dossiers with a component taken from, or a result pushed to, the applicant's data store ÷ dossiers",
    caveat: 'Chưa kiểm chứng: Cổng chỉ có quan sát bằng 0',
  },
  {
    no: '4.5a',
    code: 'CITIZEN_DATA_CONNECTED_DOSSIER',
    group: 'digitisation',
    vi: 'Hồ sơ sử dụng dữ liệu dân cư',
    en: 'Dossiers using population data',
    max: 2,
    rule: linear(),
    basis: 'REV',
    status: 'verified',
    counts: 'dossiers whose applicant was identified against the population database ÷ dossiers',
  },
  {
    no: '4.5b',
    code: 'CITIZEN_DATA_CONNECTED_FORMALITY',
    group: 'digitisation',
    vi: 'TTHC kết nối dữ liệu dân cư',
    en: 'Procedures connected to population data',
    max: 2,
    rule: linear(),
    basis: 'REV',
    status: 'verified',
    counts: 'procedures connected to the population database ÷ procedures',
  },
  {
    no: '5.1',
    code: 'PETITION_CLASSIFICATION',
    group: 'satisfaction',
    vi: 'Phân loại phản ánh, kiến nghị (quy định / hành vi)',
    en: 'Feedback by kind (rules / behaviour)',
    max: 0,
    rule: { kind: 'tracking' },
    basis: 'OPS',
    status: 'verified',
    counts: 'feedback about rules ÷ all feedback (tracking only)',
  },
  {
    no: '5.2',
    code: 'PETITION_PROCESSING_ON_TIME',
    group: 'satisfaction',
    vi: 'Xử lý phản ánh, kiến nghị đúng hạn',
    en: 'Feedback handled on time',
    max: 6,
    rule: linear(100, 'full'),
    basis: 'REV',
    status: 'verified',
    counts: '(feedback handled on time + open within time) ÷ feedback',
  },
  {
    no: '5.3',
    code: 'PETITION_HANDLING_SATISFACTION',
    group: 'satisfaction',
    vi: 'Hài lòng về xử lý phản ánh, kiến nghị',
    en: 'Satisfaction with feedback handling',
    max: 6,
    rule: linear(100, 'full'),
    basis: 'REV',
    status: 'verified',
    counts: '(feedback handled − rated dissatisfied, raised again or handled late) ÷ feedback handled',
  },
  {
    no: '5.4',
    code: 'DOSSIER_RECEIVING_SATISFACTION',
    group: 'satisfaction',
    vi: 'Hài lòng về tiếp nhận, giải quyết hồ sơ',
    en: 'Satisfaction with dossier handling',
    max: 6,
    rule: linear(90, 'zero'),
    basis: 'REV',
    status: 'verified',
    counts: '(dossiers − rated dissatisfied, with feedback about them, or late) ÷ dossiers',
  },
];

export const METRIC_BY_CODE: ReadonlyMap<string, MetricDef> = new Map(METRICS.map((m) => [m.code, m]));

/** The PAKN metrics whose empty denominators the two sources treat differently (§3.6 conflict). */
export const PETITION_METRICS = ['PETITION_PROCESSING_ON_TIME', 'PETITION_HANDLING_SATISFACTION'] as const;
