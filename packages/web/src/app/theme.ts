/**
 * The one theme of MotCua. Ant Design's default blue (#1677ff) and its grey secondary texts miss
 * WCAG 2.1 AA contrast on white (about 4.1:1 and 2.9–3.4:1); these tokens keep every text at 4.5:1
 * or more. Density: officers work in dense tables, so the officer areas use the compact algorithm.
 */
import { type ThemeConfig, theme } from 'antd';

const base: ThemeConfig['token'] = {
  colorPrimary: '#0b57a4', // 7.0:1 on white
  colorLink: '#0b57a4',
  colorError: '#b42318', // 6.3:1
  colorSuccess: '#1e7a34', // 5.4:1
  colorWarning: '#8a5a00', // 5.9:1 (warning texts are read, not only seen)
  colorInfo: '#0b57a4',
  // Ant Design derives these from the colours above; from such dark ones it derives greyish tints
  // (#afbab0 behind a success alert) on which links and secondary texts fall under 4.5:1
  colorSuccessBg: '#ecfdf3',
  colorSuccessBorder: '#a6e9bd',
  colorErrorBg: '#fef3f2',
  colorErrorBorder: '#fecdca',
  colorWarningBg: '#fffaeb',
  colorWarningBorder: '#fedf89',
  colorInfoBg: '#eff6ff',
  colorInfoBorder: '#bfdbfe',
  colorTextSecondary: 'rgba(0, 0, 0, 0.7)',
  colorTextTertiary: 'rgba(0, 0, 0, 0.64)',
  colorTextDescription: 'rgba(0, 0, 0, 0.64)',
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
  fontFamily:
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif",
  borderRadius: 6,
};

export const portalTheme: ThemeConfig = { token: { ...base, fontSize: 15 } };
export const officerTheme: ThemeConfig = { token: base, algorithm: theme.compactAlgorithm };

/** Deadline colours: text and background pairs at ≥ 4.5:1 (Ant Design's preset tags are not). */
export const DEADLINE_COLORS = {
  onTime: { color: '#14532d', background: '#dcfce7' },
  dueSoon: { color: '#713f12', background: '#fef3c7' },
  overdue: { color: '#7f1d1d', background: '#fee2e2' },
  none: { color: '#1f2937', background: '#f3f4f6' },
} as const;
