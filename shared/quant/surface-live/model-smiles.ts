/**
 * Heston and Merton smiles on a grid of log-moneyness (unit forward: implied vols do not depend
 * on the forward's level) and their miss against a slice's market points. Prices are taken on the
 * out-of-the-money side, where they carry the smile's information, and inverted to Black vols;
 * a price with no Black vol (below intrinsic, or numerically zero deep in a wing) gives null.
 */
import type { SurfaceMarketPoint } from '../../domain/vol-surface';
import { impliedVolBlack76 } from '../iv/implied-vol';
import type { OptionType } from '../surface/chain';
import { cosPrices } from '../surface/cos-method';
import { hestonLogCfReal, type HestonParams } from '../surface/heston';
import { mertonPrice, type MertonParams } from '../surface/merton';

const otm = (k: number): OptionType => (k < 0 ? 'put' : 'call');

function toVols(tYears: number, ks: readonly number[], prices: ArrayLike<number>) {
  return ks.map((k, j): number | null => {
    try {
      const iv = impliedVolBlack76({
        type: otm(k),
        forward: 1,
        strike: Math.exp(k),
        tYears,
        price: prices[j] as number,
      });
      return Number.isFinite(iv) ? iv : null;
    } catch {
      return null;
    }
  });
}

export function hestonSmileVols(
  p: HestonParams,
  tYears: number,
  ks: readonly number[],
): (number | null)[] {
  const buf = new Float64Array(2);
  const logCf = (u: number) => {
    hestonLogCfReal(u, tYears, p, buf);
    return { re: buf[0] as number, im: buf[1] as number };
  };
  const prices = cosPrices(
    logCf,
    1,
    ks.map((k) => Math.exp(k)),
    ks.map(otm),
  );
  return toVols(tYears, ks, prices);
}

export function mertonSmileVols(
  p: MertonParams,
  tYears: number,
  ks: readonly number[],
): (number | null)[] {
  const prices = ks.map((k) =>
    mertonPrice({ type: otm(k), forward: 1, strike: Math.exp(k), tYears }, p),
  );
  return toVols(tYears, ks, prices);
}

/**
 * RMSE in vol points of model vols against the market points' target vols (`vols[j]` belongs to
 * `market[j]`), over the points `keep` selects; undefined when it selects none. A point the model
 * cannot price counts as missed by its whole target vol, as in the calibration's own misfit.
 */
export function marketRmseVolPts(
  market: readonly SurfaceMarketPoint[],
  vols: readonly (number | null)[],
  keep: (p: SurfaceMarketPoint) => boolean = () => true,
): number | undefined {
  let sq = 0;
  let n = 0;
  market.forEach((p, j) => {
    if (!keep(p)) return;
    const e = (vols[j] ?? 0) - p.targetIv;
    sq += e * e;
    n++;
  });
  return n > 0 ? 100 * Math.sqrt(sq / n) : undefined;
}
