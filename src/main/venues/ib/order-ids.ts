/**
 * Order ids and request ids kept in separate ranges. IB echoes the id of the request an error is
 * about, and ids must not collide: with IBApiNext's shared counter a 202 for order id 1 ended the
 * market-data subscription with request id 1 (../shared/notes/ib-tws-protocol.md). Order ids come
 * from the gateway's nextValidId and grow from there; request ids (market data, depth, contract
 * details, executions, account summary) are Floor's own, from REQUEST_ID_BASE up.
 */

/** First request id; order ids must stay below it (IB ids are 32-bit signed integers). */
export const REQUEST_ID_BASE = 1_500_000_000;
const INT32_MAX = 2_147_483_647;

/** The order id sequence reached the request id range. */
export class OrderIdRangeExhaustedError extends Error {
  override readonly name = 'OrderIdRangeExhaustedError';
  constructor(next: number) {
    super(
      `the next IB order id would be ${next}, inside Floor's request id range (>= ${REQUEST_ID_BASE}); ` +
        'reset the API order id sequence in TWS / IB Gateway (Global Configuration > API > Settings > Reset API order ID sequence)',
    );
  }
}

/**
 * The order id sequence of one client id. `next()` hands out ids; the gateway's nextValidId answer
 * only ever moves the sequence forward: after a gateway restart nextValidId can roll back (Lean IB
 * brokerage #242), and reusing an id gets error 103 or, worse, a fill booked to the wrong order.
 */
export class OrderIdSequence {
  private nextId: number | undefined;

  /** @param lastUsed the highest order id this client id ever sent (from the persisted mapping), or undefined. */
  constructor(private lastUsed: number | undefined = undefined) {
    if (lastUsed !== undefined && (!Number.isSafeInteger(lastUsed) || lastUsed < 0)) throw new RangeError(`last used order id must be a non-negative integer, got ${lastUsed}`);
  }

  /** True once the gateway answered nextValidId on this connection. */
  get ready(): boolean {
    return this.nextId !== undefined;
  }

  /**
   * Takes the gateway's nextValidId: next id = max(`validId`, last used + 1).
   * @returns the id `next()` will hand out.
   * @throws RangeError when `validId` is not a non-negative integer.
   */
  onNextValidId(validId: number): number {
    if (!Number.isSafeInteger(validId) || validId < 0) throw new RangeError(`nextValidId must be a non-negative integer, got ${validId}`);
    this.nextId = Math.max(validId, (this.lastUsed ?? -1) + 1, this.nextId ?? 0);
    return this.nextId;
  }

  /**
   * Moves past an id the gateway called a duplicate (103): the sequence jumps beyond it.
   */
  skipPast(orderId: number): void {
    this.lastUsed = Math.max(this.lastUsed ?? -1, orderId);
    if (this.nextId !== undefined) this.nextId = Math.max(this.nextId, orderId + 1);
  }

  /**
   * The next order id.
   * @throws Error before the first nextValidId (the gateway decides where ids start).
   * @throws OrderIdRangeExhaustedError when the id would enter the request id range.
   */
  next(): number {
    if (this.nextId === undefined) throw new Error('no IB order id yet: the gateway has not sent nextValidId on this connection');
    const id = this.nextId;
    if (id >= REQUEST_ID_BASE) throw new OrderIdRangeExhaustedError(id);
    this.nextId = id + 1;
    this.lastUsed = id;
    return id;
  }

  /** Forgets the connection's nextValidId (a lost connection); the last used id stays. */
  reset(): void {
    this.nextId = undefined;
  }
}

/**
 * First request id of the market-data feed's own sequence (IbMarketFeed), so its depth, tick and
 * contract requests never share an id with the venue's (which start at REQUEST_ID_BASE and would
 * need 500 million requests to get here).
 */
export const MARKET_DATA_REQUEST_ID_BASE = 2_000_000_000;

/**
 * First request id of the account summary's own sequence (IbAccountSummary: reqAccountSummary /
 * cancelAccountSummary), between the venue's range (from REQUEST_ID_BASE) and the market feed's
 * (from MARKET_DATA_REQUEST_ID_BASE), each 300 million ids away from the next.
 */
export const ACCOUNT_REQUEST_ID_BASE = 1_800_000_000;

/** Request ids from `first` (default REQUEST_ID_BASE), wrapping back to it below 2^31 (a terminal session never gets near). */
export class RequestIdSequence {
  private nextId: number;

  /** @throws RangeError unless `first` is an integer in REQUEST_ID_BASE ..= 2^31 − 1. */
  constructor(private readonly first: number = REQUEST_ID_BASE) {
    if (!Number.isSafeInteger(first) || first < REQUEST_ID_BASE || first > INT32_MAX) throw new RangeError(`the first request id must be an integer from ${REQUEST_ID_BASE} to ${INT32_MAX}, got ${first}`);
    this.nextId = first;
  }

  /** The next request id (`first` ..= 2^31 − 1). */
  next(): number {
    const id = this.nextId;
    this.nextId = id >= INT32_MAX ? this.first : id + 1;
    return id;
  }

  /** True when `id` is a request id rather than an order id. */
  static isRequestId(id: number): boolean {
    return id >= REQUEST_ID_BASE;
  }
}
