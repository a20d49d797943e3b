import type { UnixMicros } from '../../../../shared';
import type { RiskCheck, RiskContext, RiskVerdict } from '../risk-types';
import { ALLOW, deny } from '../verdicts';

/** The profile allows at most 50 orders per second (IB's pacing limit), so 50 timestamps suffice. */
const CAPACITY = 50;
const WINDOW_MICROS = 1_000_000;

/**
 * Order-rate throttle: denies an order when maxOrdersPerSecond orders were already handed to the venue
 * in the trailing second (now - 1 s, now] (ORDER_RATE). The default of 45/s stays under Interactive
 * Brokers' limit of 50 messages per second per client (TWS API documentation, "Message pacing"),
 * beyond which IB rejects messages and may disconnect.
 *
 * Stateful: `recordSubmitted(now)` records each order handed to the venue (not each order evaluated:
 * a denied or staged order sends nothing). Keeps the last 50 timestamps in a ring buffer.
 */
export class OrderRateCheck implements RiskCheck {
  readonly name = 'order-rate';
  private readonly times = new Float64Array(CAPACITY);
  private size = 0;
  private next = 0;

  evaluate({ now, profile }: RiskContext): RiskVerdict {
    const recent = this.countSince(now);
    if (recent < profile.maxOrdersPerSecond) return ALLOW;
    return deny(
      'ORDER_RATE',
      `${recent} orders were sent in the last second; the limit is ${profile.maxOrdersPerSecond} per second (IB paces at 50 messages/s): try again in a moment`,
    );
  }

  /** Records an order handed to the venue at `now` (Unix µs). */
  recordSubmitted(now: UnixMicros): void {
    this.times[this.next] = now;
    this.next = (this.next + 1) % CAPACITY;
    if (this.size < CAPACITY) this.size += 1;
  }

  /** Orders recorded within (now - 1 s, now]; a replay seeking backwards does not count "future" orders. */
  private countSince(now: UnixMicros): number {
    let count = 0;
    for (let i = 0; i < this.size; i += 1) {
      const t = this.times[i]!;
      if (t > now - WINDOW_MICROS && t <= now) count += 1;
    }
    return count;
  }
}
