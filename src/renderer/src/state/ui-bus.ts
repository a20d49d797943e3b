import { Emitter, type Event, type PriceMicros } from '../../../shared';

/**
 * Hand-offs between screens that are not state: a price picked on the ladder goes to the ticket.
 * Kept out of TerminalState because it is an action, not something to render.
 */
export class UiBus {
  private readonly priceEmitter = new Emitter<PriceMicros>();

  /** Fires with the price (micro-dollars) the trader clicked on the ladder. */
  readonly onDidPickPrice: Event<PriceMicros> = this.priceEmitter.event;

  /** Announces a picked price (micro-dollars). */
  pickPrice(price: PriceMicros): void {
    this.priceEmitter.fire(price);
  }
}
