import type { OrderEvent, OrderReason, OrderSource, RiskProfile, UnixMicros } from '../../../shared';
import { stagedExpiresAt } from '../approval';
import type { PlanVerdict } from '../order-plan';

/** Sources whose orders are automated (the signed API, algos): while locked they are staged or denied per the profile. */
const AUTOMATED_SOURCES: ReadonlySet<OrderSource> = new Set(['API', 'ALGO']);

/** The event fields every decision carries. */
export type DecisionBase = Pick<OrderEvent, 'eventId' | 'clientOrderId' | 'tsEvent' | 'tsInit'>;

/** What decides a new order's first step after OrderInitialized. */
export interface SubmitDecisionInput {
  readonly verdict: PlanVerdict;
  readonly source: OrderSource;
  readonly profile: RiskProfile;
  /** The interlock's refusal for `source` (null: allowed); asked only for an ALLOWed AUTO order. */
  readonly refusal: () => OrderReason | null;
  readonly venueId: string;
  /** Floor's clock, Unix µs. */
  readonly now: UnixMicros;
}

/**
 * The decision event for a new order (DESIGN.md flow 1): OrderDenied by the RiskEngine; OrderStaged
 * when the profile's approval for the source is MANUAL; OrderSubmitted when AUTO and the interlock
 * allows the source; otherwise (issue 10, "every source behind the interlock") a ticket or hotkey
 * order is OrderDenied with the interlock's reason, and an automated one is OrderStaged, or
 * OrderDenied when the profile's `whileLocked` is DENY, the reason saying what became of it.
 */
export function submitDecision(base: DecisionBase, input: SubmitDecisionInput): OrderEvent {
  const { verdict, source, profile, now } = input;
  if (verdict.kind === 'DENY') return { ...base, type: 'OrderDenied', reason: verdict.reason, check: verdict.check };
  if (profile.approval[source] === 'MANUAL') return { ...base, type: 'OrderStaged', expiresAt: stagedExpiresAt(now, profile) };
  const refusal = input.refusal();
  if (refusal === null) return { ...base, type: 'OrderSubmitted', venue: input.venueId };
  if (!AUTOMATED_SOURCES.has(source)) return { ...base, type: 'OrderDenied', reason: because(refusal, 'unlock with your authenticator to send orders'), check: 'interlock' };
  if (profile.whileLocked === 'STAGE') {
    return { ...base, type: 'OrderStaged', expiresAt: stagedExpiresAt(now, profile), reason: because(refusal, 'it waits in Approvals: approve it in Floor, or arm automation to let automated orders through') };
  }
  return { ...base, type: 'OrderDenied', reason: because(refusal, 'it was not sent (risk profile: while locked, deny)'), check: 'interlock' };
}

/** The interlock's refusal with what becomes of the order. */
function because(refusal: OrderReason, outcome: string): OrderReason {
  return { code: refusal.code, message: `${refusal.message}: ${outcome}` };
}
