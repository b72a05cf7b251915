/**
 * Calendar benchmark: deadline computations and lunar conversions per second on one core, as
 * ratios to a baseline measured in the same run — converting an instant to a Hà Nội local date
 * with Intl (what a naive engine does for every day it steps over).
 *
 *   node --conditions=source --import tsx bench/calendar.ts [--seconds 3]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  buildCalendar,
  type CalendarException,
  computeDeadline,
  DEFAULT_WEEKLY,
  lunarToSolar,
  solarToLunar,
} from '@motcua/core';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '3' } } });
const seconds = Number(values.seconds);
const root = fileURLToPath(new URL('..', import.meta.url));

function officialCalendar() {
  const [, ...lines] = fs
    .readFileSync(path.join(root, 'data/holidays/vn-public-sector-2020-2026.csv'), 'utf8')
    .trim()
    .split('\n');
  const exceptions: CalendarException[] = lines.map((line) => {
    const cells =
      line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)?.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '')) ?? [];
    return {
      date: cells[0] as string,
      kind: cells[1] as CalendarException['kind'],
      name: cells[2] as string,
      legalBasis: cells[3] || null,
      status: 'official',
    };
  });
  return buildCalendar({ weekly: DEFAULT_WEEKLY, exceptions });
}

/** Calls fn in batches for about `seconds`, returns operations per second. */
function measure(name: string, fn: (i: number) => unknown): { name: string; perSecond: number } {
  for (let i = 0; i < 20_000; i++) fn(i); // warm-up for the JIT
  let ops = 0;
  const start = performance.now();
  const until = start + seconds * 1000;
  let sink = 0;
  while (performance.now() < until) {
    for (let i = 0; i < 2000; i++) if (fn(ops + i)) sink++;
    ops += 2000;
  }
  const perSecond = ops / ((performance.now() - start) / 1000);
  if (sink < 0) console.log(sink);
  return { name, perSecond };
}

const cal = officialCalendar();
// receipts on each minute of the three weeks before Tết 2026, so every count crosses the break
const base = Date.parse('2026-01-26T08:00:00+07:00');
const hanoi = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const results = [
  measure('baseline: Intl local date of an instant', (i) => hanoi.format(base + (i % 30_240) * 60_000)),
  measure(
    'deadline: 30 working days across Tết 2026',
    (i) =>
      computeDeadline(cal, {
        receivedAt: base + (i % 30_240) * 60_000,
        limit: { amount: 30, unit: 'working_days' },
      }).dueAt,
  ),
  measure('deadline: 3 working days with a pause', (i) => {
    const r = base + (i % 30_240) * 60_000;
    return computeDeadline(cal, {
      receivedAt: r,
      limit: { amount: 3, unit: 'working_days' },
      pauses: [{ from: r + 3_600_000, to: r + 90_000_000 }],
    }).dueAt;
  }),
  measure(
    'deadline with explanation: 30 working days',
    (i) =>
      computeDeadline(
        cal,
        { receivedAt: base + (i % 30_240) * 60_000, limit: { amount: 30, unit: 'working_days' } },
        { explain: true },
      ).dueAt,
  ),
  measure('lunar: solar → lunar (1900–2100)', (i) => {
    const d = new Date(Date.UTC(1900, 1, 1) + ((i * 7919) % 73_000) * 86_400_000);
    return solarToLunar({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }).day;
  }),
  measure(
    'lunar: lunar → solar (1901–2099)',
    (i) => lunarToSolar({ year: 1901 + (i % 199), month: 1 + (i % 12), day: 1 + (i % 29), leap: false }).day,
  ),
];

const baseline = results[0]?.perSecond ?? 1;
console.log(
  `calendar benchmark — ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${seconds} s each, one core`,
);
console.log(`${'scenario'.padEnd(46)} ${'ops/s'.padStart(12)}  ratio to baseline`);
for (const r of results)
  console.log(
    `${r.name.padEnd(46)} ${Math.round(r.perSecond).toLocaleString('en-US').padStart(12)}  ${(r.perSecond / baseline).toFixed(3)}`,
  );
