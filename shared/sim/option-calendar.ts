/**
 * Listed expiries and strike grids the demo desk quotes: US equity options expire on Fridays at
 * 20:00 UTC (weeklies and the monthly third Friday); Deribit BTC/ETH options at 08:00 UTC
 * (dailies, weeklies on Friday, monthlies and quarterlies on the last Friday).
 */
import { MS_PER_DAY, MS_PER_HOUR } from '../domain/time';

function utcDate(y: number, m: number, d: number, hour: number): number {
  return Date.UTC(y, m, d, hour);
}

function nthFriday(y: number, m: number, n: number, hour: number): number {
  const first = new Date(Date.UTC(y, m, 1)).getUTCDay();
  const day = 1 + ((5 - first + 7) % 7) + 7 * (n - 1);
  return utcDate(y, m, day, hour);
}

export function lastFriday(y: number, m: number, hour: number): number {
  const last = new Date(Date.UTC(y, m + 1, 0));
  const back = (last.getUTCDay() - 5 + 7) % 7;
  return utcDate(y, m, last.getUTCDate() - back, hour);
}

function nextFridays(nowMs: number, count: number, hour: number): number[] {
  const out: number[] = [];
  const d = new Date(nowMs);
  let t = utcDate(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hour);
  while (out.length < count) {
    if (new Date(t).getUTCDay() === 5 && t > nowMs) out.push(t);
    t += MS_PER_DAY;
  }
  return out;
}

function uniqueSortedAfter(list: number[], afterMs: number): number[] {
  return [...new Set(list)].filter((t) => t > afterMs).sort((a, b) => a - b);
}

/** Equity expiries: the next two weekly Fridays and the next five monthly third Fridays. */
export function equityExpiries(nowMs: number): number[] {
  const d = new Date(nowMs);
  const monthlies: number[] = [];
  for (let i = 0; i < 7; i++)
    monthlies.push(nthFriday(d.getUTCFullYear(), d.getUTCMonth() + i, 3, 20));
  const list = uniqueSortedAfter([...nextFridays(nowMs, 2, 20), ...monthlies], nowMs + MS_PER_HOUR);
  return list.slice(0, 7);
}

/** Deribit expiries: two dailies, two weeklies, three monthlies, quarterlies out to ~9 months. */
export function deribitExpiries(nowMs: number): number[] {
  const d = new Date(nowMs);
  const dailies = [1, 2].map((i) =>
    utcDate(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + i, 8),
  );
  const monthly: number[] = [];
  for (let i = 0; i < 3; i++) monthly.push(lastFriday(d.getUTCFullYear(), d.getUTCMonth() + i, 8));
  const quarterly: number[] = [];
  for (let i = 0; i < 10; i++) {
    const month = d.getUTCMonth() + i;
    if ((((month % 12) + 12) % 12) % 3 === 2)
      quarterly.push(lastFriday(d.getUTCFullYear(), month, 8));
  }
  return uniqueSortedAfter(
    [...dailies, ...nextFridays(nowMs, 2, 8), ...monthly, ...quarterly],
    nowMs + MS_PER_HOUR,
  );
}

/** A "nice" strike step (1, 2, 2.5, 5 x 10^n) giving about `target` strikes across `span`. */
export function niceStep(span: number, target: number): number {
  const raw = span / target;
  const pow = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
}

/** Strikes on a nice grid from spot*(1-down) to spot*(1+up). */
export function strikeGrid(spot: number, down: number, up: number, target: number): number[] {
  const step = niceStep(spot * (down + up), target);
  const lo = Math.ceil((spot * (1 - down)) / step) * step;
  const out: number[] = [];
  for (let k = lo; k <= spot * (1 + up) + 1e-9; k += step) out.push(Number(k.toFixed(6)));
  return out.filter((k) => k > 0);
}
