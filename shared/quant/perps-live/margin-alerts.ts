/**
 * Margin band alerts with hysteresis. A level gets worse as soon as the ratio reaches a band
 * (warning <= 150%, danger <= 120%, liquidation <= 100%, `BLUEPRINT_BANDS`), but it gets better
 * only once the ratio clears the band by `hysteresis` (default 5 points: back to safe above
 * 155%), so a ratio hovering at a band raises one alert, not one per tick.
 */
import { marginLevel, type MarginLevel } from '../perps/margin-levels';

export const MARGIN_LEVELS: readonly MarginLevel[] = ['safe', 'warning', 'danger', 'liquidation'];
export const DEFAULT_HYSTERESIS = 0.05;

export function levelRank(level: MarginLevel): number {
  return MARGIN_LEVELS.indexOf(level);
}

/** The level after observing `ratio` when the previous level was `prev`. */
export function nextMarginLevel(
  prev: MarginLevel,
  ratio: number | null,
  hysteresis = DEFAULT_HYSTERESIS,
): MarginLevel {
  const raw = marginLevel(ratio);
  if (levelRank(raw) >= levelRank(prev)) return raw;
  const cleared = marginLevel(ratio === null ? null : ratio - hysteresis);
  return levelRank(cleared) < levelRank(prev) ? cleared : prev;
}

export interface MarginTransition {
  from: MarginLevel;
  to: MarginLevel;
  direction: 'worse' | 'better';
}

/** The transition, if any, from `prev` given `ratio`. */
export function marginTransition(
  prev: MarginLevel,
  ratio: number | null,
  hysteresis = DEFAULT_HYSTERESIS,
): MarginTransition | null {
  const to = nextMarginLevel(prev, ratio, hysteresis);
  if (to === prev) return null;
  return { from: prev, to, direction: levelRank(to) > levelRank(prev) ? 'worse' : 'better' };
}

const LEVEL_TEXT: Record<MarginLevel, string> = {
  safe: 'safe (above 150%)',
  warning: 'warning (150% or less)',
  danger: 'danger (120% or less)',
  liquidation: 'liquidation (100% or less)',
};

export function transitionMessage(
  accountName: string,
  t: MarginTransition,
  ratio: number | null,
): string {
  const pct = ratio === null ? 'no maintenance' : `${(ratio * 100).toFixed(1)}%`;
  const verb = t.direction === 'worse' ? 'fell to' : 'recovered to';
  return `${accountName}: margin ratio ${pct}, ${verb} ${LEVEL_TEXT[t.to]}`;
}
