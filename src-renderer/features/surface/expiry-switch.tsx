/** Buttons choosing the expiry the smile-level charts show (shared by every tab of the screen). */
import { days } from './surface-format';
import { useSurfaceStore } from './surface.store';

export function ExpirySwitch({
  slices,
  selected,
  testId = 'expiry-switch',
}: {
  slices: readonly { expiry: string; tYears: number }[];
  selected: string | undefined;
  testId?: string;
}) {
  return (
    <div className="seg wrap" data-testid={testId}>
      {slices.map((s) => (
        <button
          key={s.expiry}
          className={s.expiry === selected ? 'on' : ''}
          onClick={() => useSurfaceStore.setState({ expiry: s.expiry })}
          title={s.expiry}
        >
          {days(s.tYears)}
        </button>
      ))}
    </div>
  );
}
