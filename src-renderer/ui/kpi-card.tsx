interface KpiCardProps {
  label: string;
  value: string;
  detail?: string;
  tone?: 'pos' | 'neg' | '';
  testId?: string;
}

export function KpiCard({ label, value, detail, tone = '', testId }: KpiCardProps) {
  return (
    <div className="kpi" data-testid={testId}>
      <div className="kpi-label">{label}</div>
      <div className={`kpi-value ${tone}`}>{value}</div>
      {detail ? <div className="kpi-detail">{detail}</div> : null}
    </div>
  );
}
