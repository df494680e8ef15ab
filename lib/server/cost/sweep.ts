import 'server-only';
import { processSingleton } from '@/lib/process-singleton';
import { sweepReservations } from './ledger';

/** Often enough that a dead instance's reservations free up within minutes; each pass is one indexed query. */
const SWEEP_MS = 60_000;

const sweep = processSingleton<{ timer: NodeJS.Timeout | null }>('cost-sweep', () => ({ timer: null }));

/** Every instance sweeps: a row changes once whoever gets there first, so no lease is needed. */
export function startCostSweep(): void {
  const state = sweep.get();
  if (state.timer) return;
  state.timer = setInterval(() => {
    sweepReservations().then(
      (changed) => {
        if (changed > 0) console.log(`[overpaint] costs: ended ${changed} reservation(s) of tasks that had ended`);
      },
      (error: unknown) => console.error('[overpaint] costs: the reservation sweep failed:', error),
    );
  }, SWEEP_MS);
  state.timer.unref();
}
