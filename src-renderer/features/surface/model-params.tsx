/**
 * The calibrated Heston and Merton parameters with their fit to the SVI surface, and each model's
 * miss against the market per expiry (click a row to show its smiles).
 */
import type {
  HestonModelView,
  MertonModelView,
  ModelSmileView,
} from '../../../shared/domain/vol-models';
import { fmtNumber } from '../../ui/format';
import { MODEL_COLORS } from './model-smile-chart';
import { days, pts, volPct } from './surface-format';
import { useSurfaceStore } from './surface.store';

function Row({ label, value, title }: { label: string; value: string; title?: string }) {
  return (
    <div className="kv" title={title}>
      <span className="muted">{label}</span>
      <b className="num">{value}</b>
    </div>
  );
}

export function HestonCard({ h, error }: { h: HestonModelView | undefined; error?: string }) {
  return (
    <div className="model-card" data-testid="heston-params">
      <div className="model-card-head" style={{ borderColor: MODEL_COLORS.heston }}>
        Heston <span className="muted">stochastic vol, COS pricing</span>
      </div>
      {h ? (
        <>
          <Row label="v0 (spot vol)" value={volPct(Math.sqrt(h.v0), 1)} title={`v0 = ${h.v0}`} />
          <Row label={'\u03ba mean reversion'} value={fmtNumber(h.kappa, 2)} />
          <Row
            label={'\u03b8 (long-run vol)'}
            value={volPct(Math.sqrt(h.theta), 1)}
            title={`theta = ${h.theta}`}
          />
          <Row label={'\u03be vol of variance'} value={fmtNumber(h.xi, 2)} />
          <Row label={'\u03c1 spot-vol corr.'} value={fmtNumber(h.rho, 3)} />
          <div className="kv" title="Feller: 2 kappa theta / xi^2 >= 1 keeps the variance off zero">
            <span className="muted">Feller 2{'\u03ba\u03b8/\u03be\u00b2'}</span>
            <b className="num" data-testid="feller-ratio">
              {fmtNumber(h.fellerRatio, 2)}
            </b>
            <span className={`tag ${h.fellerSatisfied ? 'ok' : 'bad'}`}>
              {h.fellerSatisfied ? 'holds' : 'violated'}
            </span>
          </div>
          <Row label="RMSE vs surface" value={`${pts(h.rmseVolPts, 2)} pts`} />
          <Row label="max miss" value={`${pts(h.maxAbsErrVolPts, 2)} pts`} />
          <Row
            label="calibration"
            value={`${fmtNumber(h.calibMs, 0)} ms`}
            title={`${h.evals} evaluations on ${h.points} points`}
          />
        </>
      ) : (
        <div className="error">{error ?? 'not calibrated'}</div>
      )}
    </div>
  );
}

export function MertonCard({ m, error }: { m: MertonModelView | undefined; error?: string }) {
  const meanJump = m ? Math.exp(m.muJump + (m.sigmaJump * m.sigmaJump) / 2) - 1 : undefined;
  return (
    <div className="model-card" data-testid="merton-params">
      <div className="model-card-head" style={{ borderColor: MODEL_COLORS.merton }}>
        Merton <span className="muted">jump-diffusion</span>
      </div>
      {m ? (
        <>
          <Row label={'\u03c3 diffusion vol'} value={volPct(m.volAnnual, 1)} />
          <Row label={'\u03bb jumps / year'} value={fmtNumber(m.lambda, 3)} />
          <Row label={'\u03bc mean log jump'} value={fmtNumber(m.muJump, 3)} />
          <Row label={'\u03b4 jump size sd'} value={fmtNumber(m.sigmaJump, 3)} />
          <Row label="mean jump" value={volPct(meanJump, 1)} title="E[e^J] - 1" />
          <Row label="RMSE vs surface" value={`${pts(m.rmseVolPts, 2)} pts`} />
          <Row label="max miss" value={`${pts(m.maxAbsErrVolPts, 2)} pts`} />
          <Row
            label="calibration"
            value={`${fmtNumber(m.calibMs, 0)} ms`}
            title={`${m.evals} evaluations on ${m.points} points`}
          />
        </>
      ) : (
        <div className="error">{error ?? 'not calibrated'}</div>
      )}
    </div>
  );
}

const cls = (x: number | undefined) => (x !== undefined && x > 1 ? 'num warn' : 'num');

export function ModelRmseTable({
  slices,
  selected,
}: {
  slices: readonly ModelSmileView[];
  selected: string | undefined;
}) {
  return (
    <table className="table compact" data-testid="model-rmse-table">
      <thead>
        <tr>
          <th colSpan={3} />
          <th className="num group" colSpan={3} title="quotes within 2 ATM standard deviations">
            within {'\u00b1'}2 sd
          </th>
          <th className="num group sep" colSpan={2} title="every quote, deep wings included">
            all quotes
          </th>
        </tr>
        <tr>
          <th>Expiry</th>
          <th className="num">T</th>
          <th className="num" title="quotes within 2 sd / all quotes">
            Quotes
          </th>
          <th className="num">SVI</th>
          <th className="num">Heston</th>
          <th className="num">Merton</th>
          <th className="num sep">Heston</th>
          <th className="num">Merton</th>
        </tr>
      </thead>
      <tbody>
        {slices.map((s) => (
          <tr
            key={s.expiry}
            className={`clickable${s.expiry === selected ? ' selected' : ''}`}
            onClick={() => useSurfaceStore.setState({ expiry: s.expiry })}
          >
            <td>
              {s.expiry}
              {s.calibrated ? null : (
                <span className="tag" title="shorter than the calibration's minimum maturity">
                  not calibrated
                </span>
              )}
            </td>
            <td className="num">{days(s.tYears)}</td>
            <td className="num muted">
              {s.quotesCore}/{s.quotes}
            </td>
            <td className="num">{pts(s.rmseVolPts.svi, 3)}</td>
            <td className={cls(s.rmseVolPts.heston)} data-testid="rmse-heston">
              {pts(s.rmseVolPts.heston, 2)}
            </td>
            <td className={cls(s.rmseVolPts.merton)} data-testid="rmse-merton">
              {pts(s.rmseVolPts.merton, 2)}
            </td>
            <td className="num muted sep">{pts(s.rmseAllVolPts.heston, 1)}</td>
            <td className="num muted">{pts(s.rmseAllVolPts.merton, 1)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
