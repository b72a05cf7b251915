import { useTranslation } from 'react-i18next';
import { DEADLINE_COLORS } from '../app/theme.js';

export type DeadlineLevel = keyof typeof DEADLINE_COLORS;

/** Where an instant stands against now: overdue, due within `soonHours`, or in time. */
export function deadlineLevel(
  dueAt: string | null | undefined,
  now = Date.now(),
  soonHours = 24,
): DeadlineLevel {
  if (!dueAt) return 'none';
  const left = new Date(dueAt).getTime() - now;
  if (left < 0) return 'overdue';
  return left <= soonHours * 3_600_000 ? 'dueSoon' : 'onTime';
}

/** A deadline's state in words and colour (never colour alone: WCAG 1.4.1). */
export function DeadlineTag({ dueAt, level }: { dueAt?: string | null; level?: DeadlineLevel }) {
  const { t } = useTranslation();
  const l = level ?? deadlineLevel(dueAt);
  return (
    <span className="tag" style={DEADLINE_COLORS[l]}>
      {t(`deadline.${l}`)}
    </span>
  );
}
