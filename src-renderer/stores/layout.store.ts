/** Layout choices remembered between sessions (localStorage): chart symbol, collapsed groups. */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type ChartBucket = '1m' | '1d';

interface LayoutState {
  chartUnderlying: string;
  chartBucket: ChartBucket;
  collapsedGroups: string[];
  setChart(underlying: string, bucket?: ChartBucket): void;
  toggleGroup(key: string): void;
}

export const useLayoutStore = create<LayoutState>()(
  persist(
    (set) => ({
      chartUnderlying: 'BTC',
      chartBucket: '1m',
      collapsedGroups: [],
      setChart: (chartUnderlying, bucket) =>
        set((s) => ({ chartUnderlying, chartBucket: bucket ?? s.chartBucket })),
      toggleGroup: (key) =>
        set((s) => ({
          collapsedGroups: s.collapsedGroups.includes(key)
            ? s.collapsedGroups.filter((k) => k !== key)
            : [...s.collapsedGroups, key],
        })),
    }),
    { name: 'cerberus.layout' },
  ),
);
