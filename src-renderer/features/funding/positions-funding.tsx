/**
 * Funding P&L per perpetual position of the book: paid and received since entry (from the stored
 * history at each funding time's mark), the next payment at the predicted rate with its countdown,
 * and the annualised carry (positive: the position is paid to hold).
 */
import { fmtUsd, pnlClass } from '../../ui/format';
import { useNow } from '../../ui/use-now';
import { fmtAmount, fmtAnnual, fmtCountdown, isoDateOf, venueLabel } from './funding-format';
import type { FundingBoard, PositionFunding } from './funding.store';

interface Props {
  board: FundingBoard;
  accountName: (id: string) => string;
  clockOffsetMs: number;
}

function Row({
  p,
  accountName,
  now,
}: {
  p: PositionFunding;
  accountName: (id: string) => string;
  now: number;
}) {
  const c = p.settlementCurrency;
  return (
    <tr data-testid={`funding-pos-${p.positionId}`}>
      <td>
        {venueLabel(p.venue)} <span className="muted">{p.symbol}</span>
        <div className="muted small">{accountName(p.accountId)}</div>
      </td>
      <td className={p.side === 'long' ? 'pos' : 'neg'}>{p.side}</td>
      <td className="num">{p.contracts.toLocaleString('en-US')}</td>
      <td className="num">{fmtUsd(p.notionalUsd, true)}</td>
      <td className="num">
        {isoDateOf(p.openedMs)}
        <div className="muted small">{p.fundingEvents} fundings</div>
      </td>
      <td className="num neg">{fmtAmount(p.paid, c)}</td>
      <td className="num pos">{fmtAmount(p.received, c)}</td>
      <td className={`num strong ${pnlClass(p.net)}`} data-testid="funding-net">
        {fmtAmount(p.net, c)}
        {c !== 'USDT' && c !== 'USD' ? <div className="muted small">{fmtUsd(p.netUsd)}</div> : null}
      </td>
      <td className={`num ${pnlClass(p.nextPayment ?? undefined)}`}>
        {fmtAmount(p.nextPayment, c)}
        <div className="muted small">
          in {fmtCountdown(p.nextPaymentMs === null ? null : p.nextPaymentMs - now)}
        </div>
      </td>
      <td className={`num ${pnlClass(p.carryAnnualised ?? undefined)}`}>
        {fmtAnnual(p.carryAnnualised)}
      </td>
      <td className={`num ${pnlClass(p.carryUsdPerYear ?? undefined)}`}>
        {fmtUsd(p.carryUsdPerYear ?? undefined, true)}
      </td>
    </tr>
  );
}

export function PositionsFunding({ board, accountName, clockOffsetMs }: Props) {
  const now = useNow(1000, clockOffsetMs);
  if (board.positions.length === 0) {
    return <div className="muted">No perpetual positions in the book.</div>;
  }
  return (
    <table className="table funding-table" data-testid="funding-positions">
      <thead>
        <tr>
          <th>Position</th>
          <th>Side</th>
          <th className="num">Contracts</th>
          <th className="num">Notional</th>
          <th className="num">Since</th>
          <th className="num">Paid</th>
          <th className="num">Received</th>
          <th className="num">Net funding</th>
          <th className="num">Next payment</th>
          <th className="num">Carry / yr</th>
          <th className="num">Carry $ / yr</th>
        </tr>
      </thead>
      <tbody>
        {board.positions.map((p) => (
          <Row key={p.positionId} p={p} accountName={accountName} now={now} />
        ))}
      </tbody>
      <tfoot>
        <tr className="total-row">
          <td colSpan={7}>Book</td>
          <td className={`num strong ${pnlClass(board.totals.netUsd)}`}>
            {fmtUsd(board.totals.netUsd)}
          </td>
          <td className={`num ${pnlClass(board.totals.nextPaymentsUsd)}`}>
            {fmtUsd(board.totals.nextPaymentsUsd)}
          </td>
          <td />
          <td className={`num ${pnlClass(board.totals.carryUsdPerYear)}`}>
            {fmtUsd(board.totals.carryUsdPerYear, true)}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
