import type { UnixMicros } from '../../../shared';

/**
 * Armed automation: until when automated orders (the signed API, algos) may be sent without the
 * trader's own interlock session, and why it was last disarmed. Pure state over an injected time;
 * the Interlock owns the timer that announces the end. In memory only: a restart disarms.
 */
export class AutomationArm {
  private until: UnixMicros | null = null;
  private disarmedBecause: string | null = null;

  /** Arms until `until` (Unix µs). @throws RangeError when `until` is not after `now`. */
  arm(now: UnixMicros, until: UnixMicros): void {
    if (!(Number.isSafeInteger(until) && until > now)) throw new RangeError(`automation must be armed until a time after now, got ${until} at ${now}`);
    this.until = until;
    this.disarmedBecause = null;
  }

  /** Ends it (if armed); `reason` is kept until the next arming. @returns true when it was armed. */
  disarm(now: UnixMicros, reason: string): boolean {
    const wasArmed = this.armedUntil(now) !== null;
    this.until = null;
    this.disarmedBecause = reason;
    return wasArmed;
  }

  /** When the arming ends, if it is live at `now`; else null. */
  armedUntil(now: UnixMicros): UnixMicros | null {
    return this.until !== null && now < this.until ? this.until : null;
  }

  /** Why it was last disarmed, or null. */
  get reason(): string | null {
    return this.disarmedBecause;
  }
}
