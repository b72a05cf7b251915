/**
 * The workflow as a picture: steps in columns by their distance from the start, forward edges as
 * arrows, rework returns as curves below. A companion to the step list (which is what keyboard
 * and screen-reader users edit), so the SVG is one labelled image with a text summary.
 */
import type { StepEdge, WorkflowDefinition } from '@motcua/core';
import { useTranslation } from 'react-i18next';

const W = 180;
const H = 58;
const GX = 70;
const GY = 26;

function edgeLabel(e: StepEdge, t: (k: `admin.workflow.outcome.${'positive' | 'negative'}`) => string) {
  if (!e.when) return '';
  if ('outcome' in e.when) return t(`admin.workflow.outcome.${e.when.outcome}`);
  return `${e.when.field} = ${String(e.when.equals)}`;
}

export function WorkflowGraph({ def, invalid }: { def: WorkflowDefinition; invalid: Set<string> }) {
  const { t } = useTranslation();
  const steps = def.steps;
  const byCode = new Map(steps.map((s, i) => [s.code, i]));
  const layer = new Map<string, number>();
  const queue: string[] = [];
  if (byCode.has(def.start)) {
    layer.set(def.start, 0);
    queue.push(def.start);
  }
  while (queue.length) {
    const c = queue.shift()!;
    const s = steps[byCode.get(c)!];
    for (const e of s?.next ?? [])
      if (byCode.has(e.to) && !layer.has(e.to)) {
        layer.set(e.to, (layer.get(c) ?? 0) + 1);
        queue.push(e.to);
      }
  }
  const maxLayer = Math.max(0, ...layer.values());
  for (const s of steps) if (!layer.has(s.code)) layer.set(s.code, maxLayer + 1);
  const rows = new Map<number, number>();
  const pos = new Map<string, { x: number; y: number }>();
  for (const s of steps) {
    const l = layer.get(s.code) ?? 0;
    const r = rows.get(l) ?? 0;
    rows.set(l, r + 1);
    pos.set(s.code, { x: 10 + l * (W + GX), y: 10 + r * (H + GY) });
  }
  const columns = Math.max(1, ...[...layer.values()].map((l) => l + 1));
  const depth = Math.max(1, ...rows.values());
  const width = 20 + columns * (W + GX);
  const height = 60 + depth * (H + GY);
  // an edge is its source, its target and its condition; identical edges (a validation error) get a suffix
  const seen = new Map<string, number>();
  const edgeKey = (from: string, e: StepEdge) => {
    const base = `${from}>${e.to}>${JSON.stringify(e.when ?? null)}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n ? `${base}#${n}` : base;
  };
  const summary = steps
    .map(
      (s) =>
        `${s.code}: ${s.next.map((e) => e.to).join(', ') || (s.end ? t(`admin.workflow.ends.${s.end}`) : '—')}`,
    )
    .join('; ');
  return (
    // a wide workflow scrolls sideways: the box takes the keyboard focus so it can be scrolled (WCAG 2.1.1)
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <figure className="admin-graph" tabIndex={0} aria-label={t('admin.workflow.graph')}>
      <svg width={width} height={height} role="img" aria-label={`${t('admin.workflow.graph')}: ${summary}`}>
        <defs>
          <marker
            id="wf-arrow"
            viewBox="0 0 10 10"
            refX="10"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto"
          >
            <path d="M0,0 L10,5 L0,10 z" fill="#374151" />
          </marker>
        </defs>
        {steps.flatMap((s) =>
          s.next.map((e, i) => {
            const key = edgeKey(s.code, e);
            const a = pos.get(s.code);
            const b = pos.get(e.to);
            if (!a || !b) return null;
            const back = (layer.get(e.to) ?? 0) <= (layer.get(s.code) ?? 0);
            const label = edgeLabel(e, t);
            if (back) {
              const x1 = a.x + W / 2;
              const x2 = b.x + W / 2;
              const y = Math.max(a.y, b.y) + H;
              const dip = y + 24 + i * 6;
              return (
                <g key={key}>
                  <path
                    d={`M${x1},${a.y + H} C${x1},${dip} ${x2},${dip} ${x2},${b.y + H}`}
                    fill="none"
                    stroke="#6b7280"
                    strokeDasharray="5 4"
                    markerEnd="url(#wf-arrow)"
                  />
                  {label && (
                    <text x={(x1 + x2) / 2} y={dip - 2} textAnchor="middle">
                      {label}
                    </text>
                  )}
                </g>
              );
            }
            const x1 = a.x + W;
            const y1 = a.y + H / 2;
            const x2 = b.x;
            const y2 = b.y + H / 2;
            return (
              <g key={key}>
                <line x1={x1} y1={y1} x2={x2} y2={y2} stroke="#374151" markerEnd="url(#wf-arrow)" />
                {label && (
                  <text x={(x1 + x2) / 2} y={(y1 + y2) / 2 - 4} textAnchor="middle">
                    {label}
                  </text>
                )}
              </g>
            );
          }),
        )}
        {steps.map((s) => {
          const p = pos.get(s.code);
          if (!p) return null;
          const bad = invalid.has(s.code);
          const name = s.name.length > 26 ? `${s.name.slice(0, 25)}…` : s.name;
          return (
            <g key={s.code}>
              <rect
                x={p.x}
                y={p.y}
                width={W}
                height={H}
                rx={6}
                fill={s.code === def.start ? '#e0ecff' : s.end ? '#eef7ee' : '#fff'}
                stroke={bad ? '#b42318' : '#374151'}
                strokeWidth={bad ? 3 : 1}
                strokeDasharray={s.kind === 'joint' ? '6 3' : undefined}
              />
              <text x={p.x + 8} y={p.y + 16} fontWeight={700}>
                {bad ? '⚠ ' : ''}
                {s.code}
              </text>
              <text x={p.x + 8} y={p.y + 32}>
                {name}
              </text>
              <text x={p.x + 8} y={p.y + 48}>
                {s.budgetHours} {t('admin.workflow.hoursShort')}
                {s.end ? ` · ${t(`admin.workflow.ends.${s.end}`)}` : ''}
                {s.kind === 'joint' ? ` · ${t('admin.workflow.joint')}` : ''}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
