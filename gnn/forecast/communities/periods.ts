/**
 * Calendar periods as consecutive integers, so series are plain arrays and "h periods ahead" is
 * index + h. Months: year·12 + month (UTC), labelled "YYYY-MM". Weeks: Monday-based, counted from
 * Monday 1970-01-05, labelled by their Monday "YYYY-MM-DD".
 */
export type PeriodUnit = 'month' | 'week';

const DAY_MS = 86_400_000;
/** 1970-01-01 was a Thursday: the first Monday is 4 days later. */
const FIRST_MONDAY_DAYS = 4;

export function periodOf(unit: PeriodUnit, epochMs: number): number {
  if (unit === 'month') {
    const d = new Date(epochMs);
    return d.getUTCFullYear() * 12 + d.getUTCMonth();
  }
  return Math.floor((Math.floor(epochMs / DAY_MS) - FIRST_MONDAY_DAYS) / 7);
}

/** First instant of the period (epoch ms). */
export function periodStart(unit: PeriodUnit, index: number): number {
  if (unit === 'month') return Date.UTC(Math.floor(index / 12), index % 12, 1);
  return (index * 7 + FIRST_MONDAY_DAYS) * DAY_MS;
}

export function periodLabel(unit: PeriodUnit, index: number): string {
  if (unit === 'month') return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  return new Date(periodStart(unit, index)).toISOString().slice(0, 10);
}

/** Inverse of periodLabel. */
export function parsePeriod(unit: PeriodUnit, label: string): number {
  const m = unit === 'month' ? /^(\d{4})-(\d{2})$/.exec(label) : /^(\d{4})-(\d{2})-(\d{2})$/.exec(label);
  if (!m) throw new Error(`expected a ${unit} as ${unit === 'month' ? 'YYYY-MM' : 'YYYY-MM-DD'}, got "${label}"`);
  if (unit === 'month') return Number(m[1]) * 12 + Number(m[2]) - 1;
  const index = periodOf('week', Date.parse(`${label}T00:00:00Z`));
  if (periodLabel('week', index) !== label) throw new Error(`${label} is not a Monday`);
  return index;
}
