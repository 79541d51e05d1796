/**
 * Rows of the positions grid: account groups, underlying sub-groups with subtotals, and the
 * positions themselves. Grouping is done here (AG Grid's row grouping is an Enterprise feature).
 */
import type { BookSnapshot, PositionRisk, RiskTotals } from '../../../shared/domain/valuation';
import { emptyTotals, sumTotals } from '../../../shared/domain/valuation';

export interface GroupRow extends RiskTotals {
  rowType: 'account' | 'underlying';
  id: string;
  label: string;
  count: number;
  collapsed: boolean;
}

export interface PositionRow extends PositionRisk {
  rowType: 'position';
  id: string;
  label: string;
  kind: string;
}

export type GridRow = GroupRow | PositionRow;

export function buildRows(
  snapshot: BookSnapshot,
  collapsed: readonly string[],
): { rows: GridRow[]; totals: GroupRow } {
  const instruments = new Map(snapshot.instruments.map((i) => [i.id, i]));
  const rows: GridRow[] = [];
  for (const account of snapshot.accounts) {
    const risks = snapshot.risks.filter((r) => r.accountId === account.id);
    if (risks.length === 0) continue;
    const accKey = `acc:${account.id}`;
    const accCollapsed = collapsed.includes(accKey);
    rows.push({
      rowType: 'account',
      id: accKey,
      label: account.name,
      count: risks.length,
      collapsed: accCollapsed,
      ...sumTotals(risks),
    });
    if (accCollapsed) continue;
    const underlyings = [...new Set(risks.map((r) => r.underlying))].sort();
    for (const u of underlyings) {
      const group = risks.filter((r) => r.underlying === u);
      const key = `${accKey}/${u}`;
      const isCollapsed = collapsed.includes(key);
      rows.push({
        rowType: 'underlying',
        id: key,
        label: u,
        count: group.length,
        collapsed: isCollapsed,
        ...sumTotals(group),
      });
      if (isCollapsed) continue;
      for (const r of group) {
        const inst = instruments.get(r.instrumentId);
        rows.push({
          ...r,
          rowType: 'position',
          id: r.positionId,
          label: inst?.symbol ?? r.instrumentId,
          kind: inst?.kind ?? '',
        });
      }
    }
  }
  const totals: GroupRow = {
    rowType: 'account',
    id: 'total',
    label: 'Total',
    count: snapshot.risks.length,
    collapsed: false,
    ...(snapshot.risks.length ? sumTotals(snapshot.risks) : emptyTotals()),
  };
  return { rows, totals };
}
