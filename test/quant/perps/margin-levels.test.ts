import { describe, expect, it } from 'vitest';
import {
  depositToReach,
  marginLevel,
  marginRatioOf,
  uniMmrStatus,
} from '../../../shared/quant/perps/margin-levels';
import { venueMarginRatio, venueRules } from '../../../shared/quant/perps/venue-rules';

describe('margin ratio bands', () => {
  it('blueprint levels on balance / maintenance: warning <= 150%, danger <= 120%, liquidation <= 100%', () => {
    expect(marginLevel(2)).toBe('safe');
    expect(marginLevel(1.5)).toBe('warning');
    expect(marginLevel(1.21)).toBe('warning');
    expect(marginLevel(1.2)).toBe('danger');
    expect(marginLevel(1.0)).toBe('liquidation');
    expect(marginLevel(null)).toBe('safe');
    expect(marginRatioOf(150, 100)).toBe(1.5);
    expect(marginRatioOf(150, 0)).toBeNull();
    // The blueprint's deposit to leave a band: bring the ratio back to the target.
    expect(depositToReach(110, 100, 1.5)).toBe(40);
    expect(depositToReach(200, 100, 1.5)).toBe(0);
  });

  it('Binance Portfolio Margin uniMMR bands (FAQ: >150%, 120-150%, 105-120%, 100-105%, <=100%)', () => {
    expect(uniMmrStatus(1.6)).toBe('normal');
    expect(uniMmrStatus(1.5)).toBe('marginCall');
    expect(uniMmrStatus(1.2)).toBe('reduceOnly');
    expect(uniMmrStatus(1.05)).toBe('liquidation');
    expect(uniMmrStatus(1.0)).toBe('liquidationWithLoss');
  });

  it('venue ratios: Binance shows MM / balance, OKX balance / (MM + fee)', () => {
    expect(venueMarginRatio(venueRules('binance'), 200, 50)).toBe(0.25);
    expect(venueMarginRatio(venueRules('okx'), 200, 50)).toBe(4);
    expect(venueMarginRatio(venueRules('binance'), 0, 50)).toBeNull();
    expect(venueMarginRatio(venueRules('okx'), 10, 0)).toBeNull();
  });
});
