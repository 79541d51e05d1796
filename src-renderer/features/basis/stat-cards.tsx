/** Tail dependence (t copula) and leverage (implied and balance-sheet) cards of the Basis screen. */
import type { ReactNode } from 'react';
import { fmtNumber } from '../../ui/format';
import { fmtMaybe, fmtMultiple, fmtPctMaybe } from './basis-format';
import type { BasisReport } from './basis.store';

export function Card({
  title,
  value,
  tone = '',
  sub,
  testId,
  children,
}: {
  title: string;
  value: string;
  tone?: string;
  sub?: string | undefined;
  testId: string;
  children: ReactNode;
}) {
  return (
    <section className="panel stat-card" data-testid={testId}>
      <div className="kpi-label">{title}</div>
      <div className={`kpi-value ${tone}`} data-testid={`${testId}-value`}>
        {value}
      </div>
      {sub ? <div className="kpi-detail">{sub}</div> : null}
      <table className="table compact">
        <tbody>{children}</tbody>
      </table>
    </section>
  );
}

export function Row({ label, value, tone = '' }: { label: string; value: string; tone?: string }) {
  return (
    <tr>
      <td>{label}</td>
      <td className={`num ${tone}`}>{value}</td>
    </tr>
  );
}

export function TailCard({ report }: { report: BasisReport }) {
  const t = report.tailDependence;
  return (
    <Card
      title="Tail dependence λ (t copula)"
      value={fmtPctMaybe(t?.coefficient)}
      tone={t && t.coefficient > 0.3 ? 'neg' : ''}
      sub={
        t
          ? 'limit of P(MSTR crash | BTC crash); warning above 30%'
          : 'not available over this window'
      }
      testId="basis-tail-card"
    >
      <Row label="copula ρ" value={fmtMaybe(t?.rho, 3)} />
      <Row
        label="degrees of freedom ν"
        value={t ? `${fmtNumber(t.nu, 1)}${t.nuAtUpperBound ? ' (bound)' : ''}` : '—'}
      />
      <Row label="Kendall τ" value={fmtMaybe(t?.kendallTau, 3)} />
      <Row
        label="margins"
        value={
          t ? (t.margins === 'garchStandardizedResiduals' ? 'GARCH residuals' : 'log returns') : '—'
        }
      />
      <Row label="observations" value={t ? String(t.nObs) : '—'} />
    </Card>
  );
}

export function LeverageCard({ report }: { report: BasisReport }) {
  const l = report.impliedLeverage;
  return (
    <Card
      title="Implied leverage to BTC"
      value={fmtMultiple(l?.value)}
      tone={l && l.value > 2 ? 'neg' : ''}
      sub={
        l
          ? `± ${fmtNumber(l.standardError, 2)} (OLS slope of MSTR on BTC returns); warning above 2x`
          : 'not available'
      }
      testId="basis-leverage-card"
    >
      <Row label="up-day beta" value={fmtMaybe(l?.upBeta)} />
      <Row label="down-day beta" value={fmtMaybe(l?.downBeta)} />
      <Row label="asymmetry (up - down)" value={fmtMaybe(l?.asymmetry)} />
      <Row label="vol ratio sd(MSTR)/sd(BTC)" value={fmtMaybe(l?.volatilityRatio)} />
      <Row label="balance-sheet leverage" value={fmtMultiple(l?.balanceSheetLeverage)} />
      <Row
        label="GARCH vol MSTR / BTC"
        value={
          report.garchDcc
            ? `${fmtNumber(report.garchDcc.mstr.volAnnual * 100, 0)}% / ${fmtNumber(report.garchDcc.btc.volAnnual * 100, 0)}%`
            : '—'
        }
      />
    </Card>
  );
}
