/**
 * Deliverer: attempts deliveries whose next attempt has come (retries, and first attempts a
 * notifier could not finish). In AWS a schedule invokes it every 60 s; each invocation keeps
 * sweeping while something falls due within its time budget, so the 5 s retry step is honoured.
 * Locally (the runtime invokes it on a short timer) an invocation is a single sweep.
 */
import type { Context } from 'aws-lambda';
import type { SweepResult } from '../core/webhooks/delivery';
import { flushDeliveryMetrics, webhookRuntime } from '../adapters/webhook-runtime';

const SWEEP_LIMIT = 200;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One sweep: attempts every delivery due at `nowMs` (default now), up to 200. */
export const runDueDeliveries = (nowMs?: number): Promise<SweepResult> => webhookRuntime().engine.runDue(nowMs, SWEEP_LIMIT);

/** The Lambda handler (scheduled). */
export const handler = async (_event: unknown, context?: Context): Promise<{ attempted: number }> => {
  const start = Date.now();
  const { config } = webhookRuntime();
  const budget = Math.min(config.sweepBudgetMs, (context?.getRemainingTimeInMillis() ?? config.sweepBudgetMs + 15_000) - 15_000);
  let attempted = 0;
  try {
    attempted = await sweepWithin(start, budget);
  } finally {
    flushDeliveryMetrics();
  }
  return { attempted };
};

/** Sweeps until nothing falls due within the budget (at least once). */
const sweepWithin = async (start: number, budget: number): Promise<number> => {
  const { store } = webhookRuntime();
  let attempted = 0;
  for (let first = true; first || Date.now() - start < budget; first = false) {
    const result = await runDueDeliveries();
    attempted += result.attempted;
    if (budget <= 0) break;
    if (result.due >= SWEEP_LIMIT) continue;
    const next = await store.nextDueAt();
    if (next === undefined) break;
    const wait = Date.parse(next) - Date.now();
    if (Date.now() + wait - start > budget) break;
    await sleep(Math.max(wait, 100));
  }
  return attempted;
};
