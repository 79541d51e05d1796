/**
 * One risk run's control: the pool jobs it started (so Cancel reaches every one of them), its
 * cancelled flag, and progress per phase folded into one 0..1 fraction for the screens.
 */
import type { RiskPhase } from '../../../shared/contract/features/risk.api';
import type { JobHandle } from '../../compute/worker-pool';

export class RunCancelledError extends Error {
  override name = 'RunCancelledError';
}

/** Share of the run's time each phase takes (measured on the demo book), for the progress bar. */
export const PHASE_WEIGHTS: Record<RiskPhase, number> = {
  inputs: 0.02,
  historical: 0.12,
  parametric: 0.06,
  montecarlo: 0.55,
  stress: 0.15,
  backtest: 0.1,
};

const ORDER: RiskPhase[] = [
  'inputs',
  'historical',
  'parametric',
  'montecarlo',
  'stress',
  'backtest',
];

export class RunControl {
  private readonly handles = new Set<JobHandle<unknown>>();
  private cancelledFlag = false;
  private readonly done = new Map<RiskPhase, number>();
  current: RiskPhase = 'inputs';

  constructor(
    readonly runId: number,
    private readonly onProgress: (phase: RiskPhase, fraction: number, message: string) => void,
  ) {}

  get cancelled(): boolean {
    return this.cancelledFlag;
  }

  throwIfCancelled(): void {
    if (this.cancelledFlag) throw new RunCancelledError(`risk run ${this.runId} cancelled`);
  }

  cancel(): void {
    this.cancelledFlag = true;
    for (const h of this.handles) h.cancel();
  }

  /** Awaits a pool job, cancelling it with the run; a cancelled run rejects with RunCancelledError. */
  async track<T>(handle: JobHandle<T>): Promise<T> {
    this.handles.add(handle as JobHandle<unknown>);
    if (this.cancelledFlag) handle.cancel();
    try {
      return await handle.promise;
    } catch (err) {
      if (this.cancelledFlag) throw new RunCancelledError(`risk run ${this.runId} cancelled`);
      throw err;
    } finally {
      this.handles.delete(handle as JobHandle<unknown>);
    }
  }

  /** Progress within a phase (0..1); the overall fraction sums the weighted phases. */
  progress(phase: RiskPhase, within: number, message: string): void {
    this.current = phase;
    this.done.set(phase, Math.min(1, Math.max(0, within)));
    this.onProgress(phase, this.fraction(), message);
  }

  fraction(): number {
    let f = 0;
    for (const p of ORDER) f += PHASE_WEIGHTS[p] * (this.done.get(p) ?? 0);
    return Math.min(1, f);
  }
}
