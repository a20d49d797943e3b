import { Emitter, messageOf, type ClientOrderId, type Event, type Order, type OrderFilled } from '../../../shared';
import type { VenueOrderEvent } from '../../venues';
import { InvalidOrderTransitionError } from '../order-state-machine';
import { InvalidOrderEventError, OrderOverfillError } from '../order-state';
import type { ExecutionLogger } from './execution-logger';
import type { OrderStore } from './order-store';

/** A fill the ledger refused to book: the event and the ledger's error. */
export interface UnbookedFill {
  readonly event: OrderFilled;
  readonly order: Order;
  readonly error: string;
}

/**
 * Where venue reports enter the order store. Venue input is never trusted to be consistent: an
 * event for an order Floor does not have is logged and ignored, a fill already booked (same TradeId:
 * a reconnect's reqExecutions repeats them) is ignored, an event the state machine refuses is logged.
 *
 * A fill is money, so a fill the ledger refuses to book (a full disk, an I/O error) is never only
 * logged: it is kept, in order, with every later event of the same order behind it (their order
 * matters to the state machine), and `onDidFailToBook` fires so the safety layer halts new orders
 * and raises a critical alert. `retry` books what is kept once the ledger takes writes again; until
 * it all is, the account cannot be trusted and trading stays halted.
 */
export class VenueIntake {
  private readonly kept: VenueOrderEvent[] = [];
  private readonly blocked = new Set<ClientOrderId>();
  private readonly failedEmitter = new Emitter<UnbookedFill>();
  private lastError: string | null = null;

  /** After a fill could not be booked. */
  readonly onDidFailToBook: Event<UnbookedFill> = this.failedEmitter.event;

  constructor(
    private readonly store: OrderStore,
    private readonly venueId: string,
    private readonly logger: ExecutionLogger,
  ) {}

  /** Records one venue report (see the class comment). Never throws. */
  accept(event: VenueOrderEvent): void {
    const id = event.clientOrderId;
    const order = this.store.get(id);
    if (order === undefined) {
      this.logger.warn(`ignored ${event.type} from venue ${this.venueId} for unknown order ${JSON.stringify(id)}`);
      return;
    }
    if (event.type === 'OrderFilled' && this.store.hasTrade(event.tradeId)) {
      this.logger.warn(`ignored duplicate fill ${event.tradeId} for order ${id} (already booked)`);
      return;
    }
    if (this.blocked.has(id)) {
      // A retransmission of a fill already kept is the same fill.
      if (event.type === 'OrderFilled' && this.kept.some((kept) => kept.type === 'OrderFilled' && kept.tradeId === event.tradeId)) return;
      this.kept.push(event);
      return;
    }
    this.book(event, order);
  }

  /** Fills (and the events behind them) the ledger has not booked yet, oldest first. */
  unbooked(): readonly VenueOrderEvent[] {
    return [...this.kept];
  }

  /** The ledger's error of the last booking that failed, while anything is kept; else null. */
  get failure(): string | null {
    return this.kept.length === 0 ? null : this.lastError;
  }

  /**
   * Books the kept events again, in order; stops at the first that still fails.
   * @returns how many are still kept (0: the account is whole again).
   */
  retry(): number {
    const events = this.kept.splice(0);
    this.blocked.clear();
    for (const event of events) {
      if (this.blocked.has(event.clientOrderId)) {
        this.kept.push(event);
        continue;
      }
      const order = this.store.get(event.clientOrderId);
      if (order !== undefined) this.book(event, order);
    }
    return this.kept.length;
  }

  dispose(): void {
    this.failedEmitter.dispose();
  }

  private book(event: VenueOrderEvent, order: Order): void {
    try {
      this.store.record([event]);
    } catch (error) {
      // The state machine refused the event before anything was written: the venue said something
      // impossible (an over-fill, a fill after the cancel). Logged; the ledger is not the problem.
      if (event.type !== 'OrderFilled' || isRefusedByStateMachine(error)) {
        this.logger.error(`could not apply ${event.type} from venue ${this.venueId} to order ${event.clientOrderId}: ${messageOf(error)}`, error);
        return;
      }
      this.lastError = messageOf(error);
      this.kept.push(event);
      this.blocked.add(event.clientOrderId);
      this.logger.error(`the ledger could not book fill ${event.tradeId} of order ${event.clientOrderId} (${event.lastQty} shares): ${this.lastError}`, error);
      this.failedEmitter.fire({ event, order, error: this.lastError });
    }
  }
}

function isRefusedByStateMachine(error: unknown): boolean {
  return error instanceof InvalidOrderTransitionError || error instanceof OrderOverfillError || error instanceof InvalidOrderEventError;
}
