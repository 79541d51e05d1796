/**
 * Model risk on the book: each option position valued under the arbitrage-free SVI surface,
 * Heston and Merton (European, as of the SVI fit, USD per position), the differences from SVI,
 * and each model's vega per vol point.
 */
import type { ModelRiskRow, SurfaceModelsView } from '../../../shared/domain/vol-models';
import { fmtSigned, fmtUsd, pnlClass } from '../../ui/format';
import { days, volPct } from './surface-format';

const diff = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined ? undefined : a - b;

function DiffCell({ x }: { x: number | undefined }) {
  return <td className={`num ${pnlClass(x)}`}>{fmtSigned(x, (v) => fmtUsd(v))}</td>;
}

function Row({ r }: { r: ModelRiskRow }) {
  return (
    <tr>
      <td>{r.symbol}</td>
      <td className="num">{r.quantity}</td>
      <td className="num">{days(r.tYears)}</td>
      <td className="num">{volPct(r.svi.iv, 1)}</td>
      <td className="num">{volPct(r.heston?.iv, 1)}</td>
      <td className="num">{volPct(r.merton?.iv, 1)}</td>
      <td className="num sep" data-testid="mr-value">
        {fmtUsd(r.svi.valueUsd)}
      </td>
      <DiffCell x={diff(r.heston?.valueUsd, r.svi.valueUsd)} />
      <DiffCell x={diff(r.merton?.valueUsd, r.svi.valueUsd)} />
      <td className="num sep" data-testid="mr-vega">
        {fmtUsd(r.svi.vegaUsdPerVolPt)}
      </td>
      <td className="num">{fmtUsd(r.heston?.vegaUsdPerVolPt)}</td>
      <td className="num">{fmtUsd(r.merton?.vegaUsdPerVolPt)}</td>
    </tr>
  );
}

export function ModelRiskTable({ view }: { view: SurfaceModelsView }) {
  const t = view.totals;
  return (
    <table className="table compact" data-testid="model-risk-table">
      <thead>
        <tr>
          <th colSpan={3} />
          <th className="num group" colSpan={3}>
            Implied vol
          </th>
          <th className="num group sep" colSpan={3}>
            Value, USD
          </th>
          <th className="num group sep" colSpan={3}>
            Vega, USD per vol pt
          </th>
        </tr>
        <tr>
          <th>Option</th>
          <th className="num">Qty</th>
          <th className="num">T</th>
          <th className="num">SVI</th>
          <th className="num">Heston</th>
          <th className="num">Merton</th>
          <th className="num sep">SVI</th>
          <th className="num" title="Heston value - SVI value">
            Heston {'\u2212'} SVI
          </th>
          <th className="num" title="Merton value - SVI value">
            Merton {'\u2212'} SVI
          </th>
          <th className="num sep">SVI</th>
          <th className="num">Heston</th>
          <th className="num">Merton</th>
        </tr>
      </thead>
      <tbody>
        {view.book.length === 0 ? (
          <tr>
            <td colSpan={12} className="muted">
              No option positions on {view.underlying} in the book.
            </td>
          </tr>
        ) : (
          view.book.map((r) => <Row key={r.positionId} r={r} />)
        )}
      </tbody>
      {view.book.length > 0 ? (
        <tfoot>
          <tr>
            <td colSpan={6}>Book ({view.book.length} positions)</td>
            <td className="num sep" data-testid="mr-total">
              {fmtUsd(t.svi.valueUsd)}
            </td>
            <DiffCell x={diff(t.heston?.valueUsd, t.svi.valueUsd)} />
            <DiffCell x={diff(t.merton?.valueUsd, t.svi.valueUsd)} />
            <td className="num sep">{fmtUsd(t.svi.vegaUsdPerVolPt)}</td>
            <td className="num">{fmtUsd(t.heston?.vegaUsdPerVolPt)}</td>
            <td className="num">{fmtUsd(t.merton?.vegaUsdPerVolPt)}</td>
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}
