import { normalizeMultiline, normalizeText } from './text.js';

export interface FeeItem {
  /** Fee name when the description states one ("Phí công bố ...: 100.000 đồng"), else null. */
  label: string | null;
  /** Amount in VND, only when the text leaves no doubt about it. */
  amountVnd: number | null;
  free: boolean;
  /** The fee part of the source text (head plus its parenthesised description). */
  text: string;
}

export interface ParsedFees {
  items: FeeItem[];
  /** Text after the fee part: the crawler glued the channel's notes onto the fee cell. */
  note: string;
  /** True when a reviewer must read `text`: amounts set elsewhere, contradictions, odd formats. */
  ambiguous: boolean;
}

/*
 * The portal renders each fee as "<amount> Việt Nam Đồng|VNĐ|USD" or "Miễn phí" or
 * "Không có thông tin", optionally followed by "(description)"; the crawler then appended the
 * channel note without a separator. Only that head is structured, so the description is used to
 * detect when the head cannot be trusted on its own.
 */
const HEAD =
  /^(?:(?<free>Miễn phí)|(?<none>Không có thông tin)|(?<amount>\d[\d.,]*)?\s*(?<currency>Việt Nam Đồng|VNĐ|USD))/iu;

/** Descriptions that merely confirm there is no fee. */
const NO_FEE =
  /^[-–*+\s]*(?:không|không có|không quy định|chưa quy định|không thu(?: lệ)? phí|không thu|miễn(?: lệ)? phí|không phải nộp(?: lệ)?(?: phí)?)\s*(?:\([^()]*\))?[.;\s]*$/iu;

/** Set by a provincial People's Council or Committee: the national record cannot know the amount. */
const COUNCIL = /Hội đồng nhân dân|HĐND|(?:Ủy|Uỷ) ban nhân dân[^.;()]*quy định|UBND[^.;()]*quy định/iu;
const PERCENT = /\d\s*%|phần trăm/iu;
/**
 * Temporary regimes ("Miễn lệ phí từ ngày 07/4/2026 đến 30/6/2026", "áp dụng đến hết ngày
 * 31/12/2026"): the amount payable depends on the date. Exemptions for groups of people
 * ("Miễn lệ phí cho người thuộc hộ nghèo") leave the general amount intact.
 */
const TIME_LIMITED = /(?:từ|kể từ)\s+ngày\s+\d[^;]*?đến|đến hết ngày|áp dụng đến/iu;
/** Rates per physical quantity: the payable amount depends on the case. */
const PER_QUANTITY = /\/\s*(?:tấn|gt|kg|m2|m²|m3|ha|km|trang)(?!\p{L})/iu;
/** Wording that implies something is charged, used to contradict a "Miễn phí" head. */
const CHARGE =
  /trả phí|chi phí|phải nộp|mức thu|mức phí|mức lệ phí|biểu phí|thu phí|thu lệ phí|phí thẩm định|lệ phí cấp|giá dịch vụ|nộp phí|pháp luật về phí|phí và lệ phí|phí, lệ phí/iu;
const LABEL = /^[-–*+\s]*((?:Lệ phí|Phí|Giá dịch vụ|Chi phí)[^:;()]{0,150}?)\s*:/iu;

const MONEY =
  /(?<num>\d[\d.,]*\d|\d)\s*(?<million>triệu\s*)?(?:đồng|đ|vnđ|vnd)(?!\p{L})|(?<grouped>\d{1,3}(?:[.,]\d{3})+)\s*\/|phí\s*:\s*(?<after>\d{1,3}(?:[.,]\d{3})+|\d+)/giu;
const USD = /\d\s*USD/iu;

/**
 * Parses a money literal as written in descriptions: "50.000", "1,500,000", "400000",
 * "02 triệu". Returns NaN for forms that could be read more than one way ("10.000.0000", "1,5").
 */
function parseMoneyNumber(num: string, million: boolean): number {
  if (million) {
    if (/^\d+$/u.test(num)) return Number(num) * 1_000_000;
    if (/^\d+,\d{1,3}$/u.test(num)) return Math.round(Number(num.replace(',', '.')) * 1_000_000);
    return Number.NaN;
  }
  if (/^\d+$/u.test(num)) return Number(num);
  if (/^\d{1,3}(?:\.\d{3})+$/u.test(num) || /^\d{1,3}(?:,\d{3})+$/u.test(num)) {
    return Number(num.replace(/[.,]/gu, ''));
  }
  return Number.NaN;
}

function moneyAmounts(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(MONEY)) {
    const g = m.groups ?? {};
    if (g.num !== undefined) out.push(parseMoneyNumber(g.num, g.million !== undefined));
    else if (g.grouped !== undefined) out.push(parseMoneyNumber(g.grouped, false));
    else if (g.after !== undefined) out.push(parseMoneyNumber(g.after, false));
  }
  return out;
}

/** Index just past the ")" closing the "(" at `start`, or -1 when it never closes. */
function closingParen(s: string, start: number): number {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    const ch = s[i];
    if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

interface Verdict {
  amountVnd: number | null;
  free: boolean;
  ambiguous: boolean;
}

function judgeFreeHead(desc: string, amounts: number[]): Verdict {
  if (desc === '' || NO_FEE.test(desc)) return { amountVnd: null, free: true, ambiguous: false };
  const charged =
    COUNCIL.test(desc) ||
    PERCENT.test(desc) ||
    USD.test(desc) ||
    CHARGE.test(desc) ||
    amounts.some((a) => Number.isNaN(a) || a > 0);
  // "Miễn phí" with any other description is a note a person must read; it only stays free
  // when nothing in the note suggests a charge.
  return { amountVnd: null, free: !charged, ambiguous: true };
}

function judgeAmountHead(head: number, desc: string, amounts: number[]): Verdict {
  const doubtful =
    COUNCIL.test(desc) ||
    PERCENT.test(desc) ||
    TIME_LIMITED.test(desc) ||
    PER_QUANTITY.test(desc) ||
    USD.test(desc) ||
    amounts.some((a) => a !== head);
  if (head === 0) return { amountVnd: 0, free: true, ambiguous: doubtful };
  // Heads below 1,000 VND are amounts typed in thousands ("150 VNĐ(150.000 đồng/lần)"):
  // multiplying would be a guess.
  if (doubtful || head < 1000) return { amountVnd: null, free: false, ambiguous: true };
  return { amountVnd: head, free: false, ambiguous: false };
}

function judgeMissingAmount(desc: string, amounts: number[]): Verdict {
  const distinct = [...new Set(amounts)];
  const only = distinct.length === 1 ? distinct[0] : undefined;
  const clear =
    only !== undefined &&
    !Number.isNaN(only) &&
    only >= 1000 &&
    !COUNCIL.test(desc) &&
    !PERCENT.test(desc) &&
    !TIME_LIMITED.test(desc) &&
    !PER_QUANTITY.test(desc) &&
    !USD.test(desc);
  return clear
    ? { amountVnd: only, free: false, ambiguous: false }
    : { amountVnd: null, free: false, ambiguous: true };
}

/** Parses a channel's `fee_and_note` cell. Never guesses: unclear amounts stay null and flagged. */
export function parseFees(text: string): ParsedFees {
  const src = text.normalize('NFC').trim();
  if (src === '') return { items: [], note: '', ambiguous: false };
  const m = HEAD.exec(src);
  if (m === null) {
    return {
      items: [{ label: null, amountVnd: null, free: false, text: normalizeText(src) }],
      note: '',
      ambiguous: true,
    };
  }
  const g = m.groups ?? {};
  const headEnd = m[0].length;
  if (g.none !== undefined) {
    // "Không có thông tin": the portal has no fee data; what follows is only the note.
    return { items: [], note: normalizeMultiline(src.slice(headEnd)), ambiguous: false };
  }

  let desc = '';
  let feeEnd = headEnd;
  let unbalanced = false;
  if (src[headEnd] === '(') {
    const close = closingParen(src, headEnd);
    if (close === -1) {
      unbalanced = true;
      feeEnd = src.length;
      desc = src.slice(headEnd + 1);
    } else {
      feeEnd = close;
      desc = src.slice(headEnd + 1, close - 1);
    }
  }
  desc = normalizeText(desc);
  const amounts = moneyAmounts(desc);

  let verdict: Verdict;
  if (g.free !== undefined) verdict = judgeFreeHead(desc, amounts);
  else if (g.currency?.toUpperCase() === 'USD') {
    verdict = { amountVnd: null, free: false, ambiguous: true };
  } else if (g.amount === undefined) verdict = judgeMissingAmount(desc, amounts);
  else {
    // The portal prints the structured amount with comma thousands separators only.
    const head = /^\d{1,3}(?:,\d{3})*$/u.test(g.amount) ? Number(g.amount.replace(/,/gu, '')) : Number.NaN;
    verdict = Number.isNaN(head)
      ? { amountVnd: null, free: false, ambiguous: true }
      : judgeAmountHead(head, desc, amounts);
  }

  const label = LABEL.exec(desc)?.[1]?.trim() ?? null;
  const ambiguous = verdict.ambiguous || unbalanced;
  // Consumers may rely on it: an amount is only ever given for an unambiguous fee.
  const amountVnd = ambiguous ? null : verdict.amountVnd;
  return {
    items: [{ label, amountVnd, free: verdict.free, text: normalizeText(src.slice(0, feeEnd)) }],
    note: normalizeMultiline(src.slice(feeEnd)),
    ambiguous,
  };
}
