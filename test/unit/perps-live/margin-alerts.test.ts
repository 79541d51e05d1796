/** Band alerts: one per transition, with hysteresis against a ratio hovering at a band. */
import { describe, expect, it } from 'vitest';
import type { MarginLevel } from '../../../shared/quant/perps/margin-levels';
import {
  marginTransition,
  nextMarginLevel,
  transitionMessage,
} from '../../../shared/quant/perps-live/margin-alerts';

function replay(ratios: readonly (number | null)[], start: MarginLevel = 'safe') {
  let level = start;
  const transitions: string[] = [];
  for (const r of ratios) {
    const t = marginTransition(level, r);
    if (t) {
      transitions.push(`${t.from}->${t.to}`);
      level = t.to;
    }
  }
  return { level, transitions };
}

describe('margin band transitions', () => {
  it('gets worse as soon as a band is reached, band by band or at once', () => {
    expect(replay([2, 1.5]).transitions).toEqual(['safe->warning']);
    expect(replay([2, 1.3, 1.2, 1.1, 1.0]).transitions).toEqual([
      'safe->warning',
      'warning->danger',
      'danger->liquidation',
    ]);
    expect(replay([2, 0.9]).transitions).toEqual(['safe->liquidation']);
  });

  it('raises one alert for a ratio hovering at the 150% band', () => {
    const hovering = [1.6, 1.499, 1.501, 1.498, 1.502, 1.5, 1.51, 1.54, 1.49];
    expect(replay(hovering).transitions).toEqual(['safe->warning']);
  });

  it('recovers only once the band is cleared by the hysteresis (5 points)', () => {
    expect(replay([1.4, 1.54]).transitions).toEqual(['safe->warning']);
    expect(replay([1.4, 1.551]).transitions).toEqual(['safe->warning', 'warning->safe']);
    expect(replay([1.1, 1.24, 1.26]).transitions).toEqual(['safe->danger', 'danger->warning']);
    // From liquidation straight back to safe when the ratio jumps (a deposit).
    expect(replay([0.95, 3]).transitions).toEqual(['safe->liquidation', 'liquidation->safe']);
  });

  it('treats an account without maintenance as safe', () => {
    expect(nextMarginLevel('danger', null)).toBe('safe');
  });

  it('writes a message with the ratio and the new band', () => {
    const t = marginTransition('safe', 1.18);
    expect(t).toEqual({ from: 'safe', to: 'danger', direction: 'worse' });
    if (!t) throw new Error('expected a transition');
    expect(transitionMessage('Binance USD-M', t, 1.18)).toBe(
      'Binance USD-M: margin ratio 118.0%, fell to danger (120% or less)',
    );
  });
});
