import { describe, expect, it } from 'vitest';
import type { ChainSource } from '../../../src-main/services/surface/chain-source';
import { SurfaceSources } from '../../../src-main/services/surface/surface-sources';

const source = (id: string, underlyings: string[]): ChainSource => ({
  id,
  underlyings: () => underlyings,
  fetchChain: () => Promise.reject(new Error('not used')),
});

describe('surface chain sources', () => {
  it('reports underlyings that appear, leave or change source; the first source listing one wins', () => {
    let list: ChainSource[] = [source('demo', ['BTC', 'ETH', 'MSTR'])];
    const s = new SurfaceSources(() => list);
    expect(s.sync()).toEqual({ added: ['BTC', 'ETH', 'MSTR'], dropped: [] });
    expect(s.sync()).toEqual({ added: [], dropped: [] });

    // Live desk: Deribit lists BTC and ETH; the demo source is gone.
    list = [source('deribit', ['BTC', 'ETH'])];
    expect(s.sync()).toEqual({ added: ['BTC', 'ETH'], dropped: ['BTC', 'ETH', 'MSTR'] });
    expect(s.underlyings()).toEqual(['BTC', 'ETH']);
    expect(s.sourceOf('BTC').id).toBe('deribit');

    // A second venue listing BTC does not take it over; its own ETH-only listing neither.
    list = [source('deribit', ['BTC', 'ETH']), source('okx', ['BTC', 'SOL'])];
    expect(s.sync()).toEqual({ added: ['SOL'], dropped: [] });
    expect(s.idOf('SOL')).toBe('okx');

    // Deribit disconnects: BTC moves to OKX (refit), ETH leaves.
    list = [source('okx', ['BTC', 'SOL'])];
    expect(s.sync()).toEqual({ added: ['BTC'], dropped: ['BTC', 'ETH'] });
    expect(() => s.sourceOf('ETH')).toThrow(/no option chain source for ETH/);
  });

  it('a failing provider or source means no chains rather than a crash', () => {
    const s = new SurfaceSources(() => {
      throw new Error('connections not ready');
    });
    expect(s.sync()).toEqual({ added: [], dropped: [] });
    const bad: ChainSource = {
      id: 'bad',
      underlyings: () => {
        throw new Error('markets not loaded');
      },
      fetchChain: () => Promise.reject(new Error('x')),
    };
    s.follow(() => [bad, source('demo', ['BTC'])]);
    expect(s.sync()).toEqual({ added: ['BTC'], dropped: [] });
    expect(s.has('BTC')).toBe(true);
  });
});
