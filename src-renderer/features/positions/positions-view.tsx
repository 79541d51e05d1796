/** Positions: live price, P&L and Greeks per position, grouped by account and underlying. */
import { useMemo, useRef } from 'react';
import { AgGridReact } from 'ag-grid-react';
import {
  AllCommunityModule,
  ModuleRegistry,
  colorSchemeDark,
  themeQuartz,
  type CellClassParams,
  type ColDef,
  type ValueFormatterParams,
} from 'ag-grid-community';
import { useBookStore } from '../../stores/book.store';
import { useLayoutStore } from '../../stores/layout.store';
import { fmtNumber, fmtPct, fmtPrice, fmtUsd } from '../../ui/format';
import { buildRows, type GridRow } from './position-rows';

ModuleRegistry.registerModules([AllCommunityModule]);

const theme = themeQuartz.withPart(colorSchemeDark).withParams({
  backgroundColor: '#0d1117',
  foregroundColor: '#c9d1d9',
  headerBackgroundColor: '#161b22',
  fontSize: 13,
  rowHeight: 30,
  headerHeight: 34,
});

const usd = (p: ValueFormatterParams<GridRow, number>) => fmtUsd(p.value ?? undefined);
const signClass = (p: CellClassParams<GridRow, number>) => [
  'num',
  (p.value ?? 0) > 0 ? 'pos' : (p.value ?? 0) < 0 ? 'neg' : '',
];
const isPosition = (r: GridRow | undefined): r is Extract<GridRow, { rowType: 'position' }> =>
  r?.rowType === 'position';

function label(p: ValueFormatterParams<GridRow, string>): string {
  const r = p.data;
  if (!r) return '';
  if (r.rowType === 'position') return r.label;
  if (r.id === 'total') return 'Total';
  return `${r.collapsed ? '\u25B8' : '\u25BE'} ${r.label} (${r.count})`;
}

const columns: ColDef<GridRow>[] = [
  {
    headerName: 'Instrument',
    field: 'label',
    valueFormatter: label,
    minWidth: 280,
    flex: 2,
    cellClass: (p) => `lvl-${p.data?.rowType ?? ''}`,
  },
  {
    headerName: 'Qty',
    valueGetter: (p) => (isPosition(p.data) ? p.data.quantity : undefined),
    valueFormatter: (p) => (p.value === undefined ? '' : fmtNumber(p.value, 0)),
    cellClass: 'num',
    width: 90,
  },
  {
    headerName: 'Price',
    valueGetter: (p) => (isPosition(p.data) ? p.data.price : undefined),
    valueFormatter: (p) =>
      p.value === undefined
        ? ''
        : `${fmtPrice(p.value)} ${isPosition(p.data) ? p.data.priceCurrency : ''}`,
    cellClass: 'num',
    width: 150,
  },
  {
    headerName: 'IV',
    valueGetter: (p) => (isPosition(p.data) ? p.data.iv : undefined),
    valueFormatter: (p) => (p.value === undefined ? '' : fmtPct(p.value, 1)),
    cellClass: 'num',
    width: 80,
  },
  {
    headerName: 'Value $',
    field: 'marketValueUsd',
    valueFormatter: usd,
    cellClass: 'num',
    width: 130,
  },
  {
    headerName: 'Unrl P&L $',
    field: 'unrealizedPnlUsd',
    valueFormatter: usd,
    cellClass: signClass,
    width: 120,
  },
  {
    headerName: 'Day P&L $',
    field: 'dayPnlUsd',
    valueFormatter: usd,
    cellClass: signClass,
    width: 120,
  },
  {
    headerName: 'Delta',
    valueGetter: (p) => (isPosition(p.data) ? p.data.deltaUnits : undefined),
    valueFormatter: (p) => (p.value === undefined ? '' : fmtNumber(p.value, 2)),
    cellClass: 'num',
    width: 100,
  },
  {
    headerName: '$Delta',
    field: 'deltaUsd',
    valueFormatter: usd,
    cellClass: signClass,
    width: 120,
  },
  {
    headerName: '$Gamma 1%',
    field: 'gammaUsdPer1Pct',
    valueFormatter: usd,
    cellClass: signClass,
    width: 120,
  },
  {
    headerName: 'Vega $/pt',
    field: 'vegaUsdPerVolPt',
    valueFormatter: usd,
    cellClass: signClass,
    width: 110,
  },
  {
    headerName: 'Theta $/d',
    field: 'thetaUsdPerDay',
    valueFormatter: usd,
    cellClass: signClass,
    width: 110,
  },
  {
    headerName: 'Data',
    valueGetter: (p) => (isPosition(p.data) ? p.data.freshness : ''),
    cellClass: (p) => `fresh-${String(p.value)}`,
    tooltipValueGetter: (p) => (isPosition(p.data) ? p.data.note : undefined),
    width: 90,
  },
];

export function PositionsView() {
  const snapshot = useBookStore((s) => s.snapshot);
  const { collapsedGroups, toggleGroup } = useLayoutStore();
  const grid = useRef<AgGridReact<GridRow>>(null);
  const built = useMemo(
    () => (snapshot ? buildRows(snapshot, collapsedGroups) : undefined),
    [snapshot, collapsedGroups],
  );
  if (!snapshot || !built)
    return <div className="loading">Waiting for the first valuation of the book{'\u2026'}</div>;
  return (
    <div className="positions">
      <div className="toolbar">
        <span className="muted">
          {snapshot.positions.length} positions across {snapshot.accounts.length} accounts &middot;
          click a group to fold it
        </span>
        <button
          onClick={() => grid.current?.api.exportDataAsCsv({ fileName: 'cerberus-positions.csv' })}
        >
          Export CSV
        </button>
      </div>
      <div className="grid" data-testid="positions-grid">
        <AgGridReact<GridRow>
          ref={grid}
          theme={theme}
          rowData={built.rows}
          pinnedBottomRowData={[built.totals]}
          columnDefs={columns}
          getRowId={(p) => p.data.id}
          getRowClass={(p) => `row-${p.data?.rowType ?? ''}`}
          onCellClicked={(e) => {
            if (e.data && e.data.rowType !== 'position' && e.data.id !== 'total')
              toggleGroup(e.data.id);
          }}
          autoSizeStrategy={{ type: 'fitGridWidth' }}
          suppressCellFocus
          animateRows={false}
        />
      </div>
    </div>
  );
}
