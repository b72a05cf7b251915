/**
 * The dashboard's charts (recharts), loaded on demand with the monitoring screens only: the
 * portal's first load never carries them. Each chart is decoration for sighted readers; the same
 * figures are in a table beside it, so the chart itself is hidden from assistive technology and
 * takes no keyboard focus (accessibilityLayer off).
 */
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { CHART_COLOURS } from './dashboard-data.js';

export interface TrendSeries {
  key: string;
  name: string;
}

/** Score by month: the total and each measured group; a month without data is a gap, not a zero. */
export function TrendChart({
  rows,
  series,
  height = 260,
  large = false,
}: {
  rows: Record<string, string | number | null>[];
  series: TrendSeries[];
  height?: number;
  large?: boolean;
}) {
  const font = large ? 20 : 13;
  return (
    <div aria-hidden="true" className="chart">
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={rows} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid stroke="#d0d5dc" strokeDasharray="3 3" />
          <XAxis dataKey="label" tick={{ fill: '#1f2937', fontSize: font }} stroke="#4b5563" />
          <YAxis tick={{ fill: '#1f2937', fontSize: font }} stroke="#4b5563" allowDecimals={false} />
          {!large && <Tooltip />}
          <Legend wrapperStyle={{ fontSize: font, color: '#1f2937' }} />
          {series.map((s, i) => (
            <Line
              key={s.key}
              type="monotone"
              dataKey={s.key}
              name={s.name}
              stroke={CHART_COLOURS[i % CHART_COLOURS.length]}
              strokeWidth={large ? 4 : 2}
              strokeDasharray={i === 0 ? undefined : `${4 + 2 * i} 3`}
              dot={{ r: large ? 6 : 3 }}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Dossiers by channel, one bar each. */
export function ChannelChart({
  bars,
  height = 200,
  large = false,
}: {
  bars: { name: string; value: number }[];
  height?: number;
  large?: boolean;
}) {
  const font = large ? 20 : 13;
  return (
    <div aria-hidden="true" className="chart">
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={bars} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid stroke="#d0d5dc" strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={{ fill: '#1f2937', fontSize: font }} stroke="#4b5563" />
          <YAxis tick={{ fill: '#1f2937', fontSize: font }} stroke="#4b5563" allowDecimals={false} />
          {!large && <Tooltip />}
          <Bar
            dataKey="value"
            isAnimationActive={false}
            label={{ position: 'top', fill: '#1f2937', fontSize: font }}
          >
            {bars.map((b, i) => (
              <Cell key={b.name} fill={CHART_COLOURS[i % CHART_COLOURS.length]} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
