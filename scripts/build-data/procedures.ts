import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Channel,
  extractResultCodes,
  joinApplicantFragments,
  normalizeMultiline,
  normalizeText,
  type ParsedFees,
  parseChannel,
  parseFees,
  parseQuantity,
  parseTimeUnit,
  type TimeUnit,
} from '../../packages/core/src/catalog/index.js';
import { check } from './io.js';

export const PROCEDURE_COUNT = 2642;
const CODE = /^\d\.\d{6}$/u;
const CHANNEL_ORDER: Record<Channel, number> = { direct: 0, online: 1, postal: 2 };

interface RawChannel {
  channel: string;
  time_value: number | null;
  time_unit: string;
  fee_and_note: string;
}
interface RawDocument {
  group: string;
  name: string;
  form_file: string;
  quantity: string;
}
interface RawProcedure {
  code: string;
  name: string;
  ministry_folder: string;
  decision_no: string;
  levels: string[];
  procedure_type: string;
  field: string;
  applicants: string[];
  competent_agency: string;
  implementing_agency: string;
  receiving_address: string;
  delegated_agency: string;
  coordinating_agency: string;
  channels: RawChannel[];
  documents: RawDocument[];
  documents_preamble: string;
  legal_basis: Array<{ title: string; number: string }>;
  conditions: string;
  result: string;
  steps_text: string;
  source_url: string;
}
const RAW_KEYS = Object.keys({
  code: 0,
  name: 0,
  ministry_folder: 0,
  decision_no: 0,
  levels: 0,
  procedure_type: 0,
  field: 0,
  applicants: 0,
  competent_agency: 0,
  implementing_agency: 0,
  receiving_address: 0,
  delegated_agency: 0,
  coordinating_agency: 0,
  channels: 0,
  documents: 0,
  documents_preamble: 0,
  legal_basis: 0,
  conditions: 0,
  result: 0,
  steps_text: 0,
  source_url: 0,
} satisfies Record<keyof RawProcedure, 0>);

export interface ProcedureChannel {
  channel: Channel;
  timeLimit: { value: number | null; unit: TimeUnit | null; raw: string };
  fees: ParsedFees;
  rawText: string;
}

/** A missing value is null, never "": the crawler used "" and "--" for empty portal cells. */
function text(s: string): string | null {
  const t = normalizeText(s);
  return t === '' || t === '--' ? null : t;
}
function longText(s: string): string | null {
  const t = normalizeMultiline(s);
  return t === '' || t === '--' ? null : t;
}

export interface ProcedureStats {
  channels: number;
  timeUnitMissing: number;
  timeValueMissing: number;
  feesParsedAmount: number;
  feesFree: number;
  feesMissing: number;
  feesAmbiguous: number;
  documents: number;
  quantitiesAmbiguous: number;
  flaggedRecords: number;
  duplicateSourceUrls: string[];
  badCodes: string[];
}

function convert(r: RawProcedure, sharedUrl: boolean, stats: ProcedureStats) {
  const flags: string[] = [];
  const flag = (f: string) => {
    if (!flags.includes(f)) flags.push(f);
  };
  if (!CODE.test(r.code)) flag('code_format');
  if (sharedUrl) flag('duplicate_source_url');

  const channels: ProcedureChannel[] = r.channels.map((c) => {
    const channel = parseChannel(c.channel);
    check(channel !== null, `${r.code}: unknown channel "${c.channel}"`);
    check(c.time_value === null || Number.isFinite(c.time_value), `${r.code}: bad time value`);
    const unit = parseTimeUnit(c.time_unit);
    const unitText = normalizeText(c.time_unit);
    // "(unit missing)" is the crawler's marker, not portal text; anything else unknown is a surprise.
    check(
      unit !== null || unitText === '' || unitText === '(unit missing)',
      `${r.code}: unit "${c.time_unit}"`,
    );
    if (c.time_value === null) flag(`time_value_missing:${channel}`);
    else if (c.time_value === 0) flag(`time_value_zero:${channel}`);
    if (c.time_value !== null && unit === null) flag(`time_unit_missing:${channel}`);
    const fees = parseFees(c.fee_and_note);
    if (fees.ambiguous) flag(`fee_ambiguous:${channel}`);
    if (fees.items.length === 0) flag(`fee_missing:${channel}`);
    stats.channels++;
    if (c.time_value === null) stats.timeValueMissing++;
    else if (unit === null) stats.timeUnitMissing++;
    if (fees.ambiguous) stats.feesAmbiguous++;
    else if (fees.items.length === 0) stats.feesMissing++;
    else if (fees.items.every((i) => i.free)) stats.feesFree++;
    else stats.feesParsedAmount++;
    const raw = [c.time_value === null ? '' : String(c.time_value), unit === null ? '' : unitText]
      .filter((s) => s !== '')
      .join(' ');
    return {
      channel,
      timeLimit: { value: c.time_value, unit, raw },
      fees,
      rawText: normalizeMultiline(c.fee_and_note),
    };
  });
  // Stable sort: rows of one channel keep their order, which pairs them with the portal's cases.
  channels.sort((a, b) => CHANNEL_ORDER[a.channel] - CHANNEL_ORDER[b.channel]);
  if (channels.length === 0) flag('no_channels');

  const documents = r.documents.map((d, i) => {
    const q = parseQuantity(d.quantity);
    if (q.ambiguous) {
      flag(`quantity_ambiguous:${i}`);
      stats.quantitiesAmbiguous++;
    }
    stats.documents++;
    return {
      group: text(d.group),
      name: longText(d.name),
      templateFile: text(d.form_file),
      originals: q.originals,
      certifiedCopies: q.certifiedCopies,
      copies: q.copies,
      quantityRaw: q.raw,
    };
  });
  if (documents.length === 0) flag('no_documents');
  if (r.legal_basis.length === 0) flag('no_legal_basis');
  if (flags.length > 0) stats.flaggedRecords++;

  return {
    code: r.code,
    name: text(r.name),
    field: text(r.field),
    ministry: text(r.ministry_folder),
    decisionNo: text(r.decision_no),
    levels: r.levels.map(normalizeText).filter((s) => s !== ''),
    procedureType: text(r.procedure_type),
    applicantTypes: joinApplicantFragments(r.applicants),
    competentAgency: text(r.competent_agency),
    implementingAgency: text(r.implementing_agency),
    coordinatingAgency: text(r.coordinating_agency),
    delegatedAgency: text(r.delegated_agency),
    receivingAddress: text(r.receiving_address),
    channels,
    documents,
    documentsPreamble: longText(r.documents_preamble),
    legalBasis: r.legal_basis.map((l) => ({ number: text(l.number), title: text(l.title) })),
    conditions: longText(r.conditions),
    result: { text: longText(r.result), codes: extractResultCodes(r.result) },
    stepsText: longText(r.steps_text),
    sourceUrl: text(r.source_url),
    reviewFlags: flags,
  };
}

export type Procedure = ReturnType<typeof convert>;

export function buildProcedures(dir: string): { lines: string[]; stats: ProcedureStats } {
  const raw = readFileSync(join(dir, 'national_tthc_2026.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      const rec = JSON.parse(l) as RawProcedure;
      check(
        Object.keys(rec).sort().join() === [...RAW_KEYS].sort().join(),
        `line ${i + 1}: unexpected fields`,
      );
      return rec;
    });
  check(raw.length === PROCEDURE_COUNT, `${raw.length} procedures, expected ${PROCEDURE_COUNT}`);
  const codes = new Set(raw.map((r) => r.code));
  check(codes.size === raw.length, 'procedure codes are not unique');

  const urlCount = new Map<string, number>();
  for (const r of raw) urlCount.set(r.source_url, (urlCount.get(r.source_url) ?? 0) + 1);
  const stats: ProcedureStats = {
    channels: 0,
    timeUnitMissing: 0,
    timeValueMissing: 0,
    feesParsedAmount: 0,
    feesFree: 0,
    feesMissing: 0,
    feesAmbiguous: 0,
    documents: 0,
    quantitiesAmbiguous: 0,
    flaggedRecords: 0,
    duplicateSourceUrls: [],
    badCodes: raw.filter((r) => !CODE.test(r.code)).map((r) => r.code),
  };
  const procedures = raw
    .map((r) => {
      const shared = (urlCount.get(r.source_url) ?? 0) > 1;
      if (shared) stats.duplicateSourceUrls.push(r.code);
      return convert(r, shared, stats);
    })
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  stats.duplicateSourceUrls.sort();
  return { lines: procedures.map((p) => JSON.stringify(p)), stats };
}
