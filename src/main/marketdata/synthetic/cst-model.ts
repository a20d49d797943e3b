import type { OrderSide, PriceMicros, SessionNanos } from '../../../shared';
import type { MarketEvent } from '../market-event';
import { Prng } from './prng';

/**
 * Parameters of the zero-intelligence order-flow model of
 * R. Cont, S. Stoikov, R. Talreja (2010), "A stochastic model for order book dynamics",
 * Operations Research 58(3):549-563: Section 2 defines the model, its parameter-estimation section
 * (Table 2 and the power-law fit of lambda) gives the values below.
 *
 * The paper estimates the rates on five liquid Tokyo Stock Exchange stocks (June 2000 order books),
 * rates per second, quantities in units of the average limit order size S_l:
 * - limit order arrival rate at distance i ticks from the opposite best quote, fitted by the power law
 *   lambda(i) = k / i^alpha with k = 1.92, alpha = 0.52 (the paper's fitted values; its empirical
 *   lambda(1..5) = 1.85, 1.51, 1.09, 0.88, 0.77 lie close to that curve);
 * - market order arrival rate mu = 0.94 (per side);
 * - cancellation rate per outstanding order theta(i), i = 1..10 (Table 2):
 *   0.71, 0.81, 0.68, 0.56, 0.47, 0.47, 0.37, 0.30, 0.26, 0.19.
 * The paper limits order placement to i <= 10 ticks; we do the same and apply theta(10) to orders that
 * drift further than 10 ticks from the opposite quote (the paper leaves them out of its window).
 */
export interface CstParameters {
  readonly k: number;
  readonly alpha: number;
  readonly mu: number;
  /** theta(i) for i = 1..theta.length; the last value also serves farther distances. */
  readonly theta: readonly number[];
  /** Shares per model order (the paper's unit, the average limit order size). */
  readonly unitShares: number;
}

/** Cont, Stoikov & Talreja (2010), Table 2 estimates; unit = one 100-share round lot (our choice). */
export const CST_2010_PARAMETERS: CstParameters = {
  k: 1.92,
  alpha: 0.52,
  mu: 0.94,
  theta: [0.71, 0.81, 0.68, 0.56, 0.47, 0.47, 0.37, 0.3, 0.26, 0.19],
  unitShares: 100,
};

const NS_PER_SECOND = 1e9;

/** One side's resting orders: price tick -> FIFO queue of order ids (each one model unit). */
type Queues = Map<number, number[]>;

/**
 * A Gillespie (exact continuous-time Markov chain) simulation of the CST model on a tick grid.
 * State: the FIFO queue of unit orders at every occupied tick, both sides. Events, with rates:
 * - limit buy at `bestAsk - i` and limit sell at `bestBid + i`, i = 1..D: lambda(i) each;
 * - market buy / market sell: mu each (when the opposite side has orders), executing the first order in
 *   the queue at the best price (price-time priority) -> EXECUTE_VISIBLE of the resting order;
 * - cancellation of each resting order at distance i from the opposite best quote: theta(i) each.
 * A limit order is always at least one tick away from the opposite best quote, so the book can never
 * cross or lock. When a side is empty, its last best price serves as the reference quote.
 */
export class CstModel {
  private readonly rng: Prng;
  private readonly bids: Queues = new Map();
  private readonly asks: Queues = new Map();
  private readonly lambda: Float64Array;
  private readonly lambdaTotal: number;
  private bestBidTick: number;
  private bestAskTick: number;
  private time: SessionNanos;
  private nextOrderId = 1;

  /**
   * @param seed PRNG seed (same seed -> same event sequence).
   * @param startTime session time of the initial state (ns after midnight).
   * @param startMid initial mid price, micro-dollars; the book starts one tick either side of it.
   * @param tick tick size, micro-dollars.
   * @throws RangeError for a non-positive tick, a mid that is not on the tick grid, or bad parameters.
   */
  constructor(
    readonly seed: number,
    startTime: SessionNanos,
    readonly startMid: PriceMicros,
    readonly tick: PriceMicros,
    readonly params: CstParameters = CST_2010_PARAMETERS,
  ) {
    if (!Number.isSafeInteger(tick) || tick <= 0) throw new RangeError(`tick must be a positive whole number of micro-dollars, got ${tick}`);
    if (!Number.isSafeInteger(startMid) || startMid % tick !== 0 || startMid / tick < 20) {
      throw new RangeError(`start mid ${startMid} must be a multiple of the tick ${tick} and at least 20 ticks`);
    }
    if (!(params.k > 0 && params.alpha >= 0 && params.mu >= 0 && params.theta.length > 0 && params.theta.every((t) => t > 0) && Number.isSafeInteger(params.unitShares) && params.unitShares > 0)) {
      throw new RangeError('CST parameters must have k > 0, alpha >= 0, mu >= 0, positive theta(i) and a positive whole unit size');
    }
    this.rng = new Prng(seed);
    const depth = params.theta.length;
    this.lambda = new Float64Array(depth + 1);
    let total = 0;
    for (let i = 1; i <= depth; i++) {
      this.lambda[i] = params.k / Math.pow(i, params.alpha);
      total += this.lambda[i]!;
    }
    this.lambdaTotal = total;
    this.time = startTime;
    const midTick = startMid / tick;
    this.bestBidTick = midTick - 1;
    this.bestAskTick = midTick + 1;
    // Start near the model's mean queue lengths lambda(i)/theta(i) (each queue alone is an M/M/inf
    // birth-death process with that mean), so the opening minutes already look like a book.
    for (let i = 2; i <= depth + 1; i++) {
      const d = Math.min(i, depth);
      const units = Math.max(1, Math.round(this.lambda[d]! / params.theta[d - 1]!));
      const bidQueue: number[] = [];
      const askQueue: number[] = [];
      for (let u = 0; u < units; u++) {
        bidQueue.push(this.nextOrderId++);
        askQueue.push(this.nextOrderId++);
      }
      this.bids.set(this.bestAskTick - i, bidQueue);
      this.asks.set(this.bestBidTick + i, askQueue);
    }
  }

  /** Session time of the last generated event (or the start), ns after midnight. */
  get now(): SessionNanos {
    return this.time;
  }

  /** The current resting book as (side, price, shares) levels, for seeding an OrderBook. */
  forEachLevel(callback: (side: OrderSide, price: PriceMicros, size: number) => void): void {
    for (const [tick, queue] of this.bids) callback('BUY', tick * this.tick, queue.length * this.params.unitShares);
    for (const [tick, queue] of this.asks) callback('SELL', tick * this.tick, queue.length * this.params.unitShares);
  }

  /** Draws the next event of the chain and updates the state. */
  next(): MarketEvent {
    const { params, rng } = this;
    const depth = params.theta.length;
    const hasBids = this.bids.size > 0;
    const hasAsks = this.asks.size > 0;
    const marketBuyRate = hasAsks ? params.mu : 0;
    const marketSellRate = hasBids ? params.mu : 0;
    const cancelBidRate = this.cancelRate(this.bids, 'BUY', depth);
    const cancelAskRate = this.cancelRate(this.asks, 'SELL', depth);
    const total = 2 * this.lambdaTotal + marketBuyRate + marketSellRate + cancelBidRate + cancelAskRate;
    const dtNs = Math.max(1, Math.round((-Math.log(rng.nextUnit()) / total) * NS_PER_SECOND));
    this.time += dtNs;
    let u = rng.nextUnit() * total;
    if (u <= this.lambdaTotal) return this.limit('BUY', this.pickDistance(u));
    u -= this.lambdaTotal;
    if (u <= this.lambdaTotal) return this.limit('SELL', this.pickDistance(u));
    u -= this.lambdaTotal;
    if (u <= marketBuyRate) return this.market('SELL');
    u -= marketBuyRate;
    if (u <= marketSellRate) return this.market('BUY');
    u -= marketSellRate;
    if (u <= cancelBidRate || cancelAskRate === 0) return this.cancel(this.bids, 'BUY', u, depth);
    return this.cancel(this.asks, 'SELL', u - cancelBidRate, depth);
  }

  /** Sum over resting orders of theta(distance from the opposite best quote). */
  private cancelRate(queues: Queues, side: OrderSide, depth: number): number {
    let rate = 0;
    for (const [tick, queue] of queues) rate += this.theta(this.distance(side, tick), depth) * queue.length;
    return rate;
  }

  private distance(side: OrderSide, tick: number): number {
    return side === 'BUY' ? this.bestAskTick - tick : tick - this.bestBidTick;
  }

  private theta(distance: number, depth: number): number {
    return this.params.theta[Math.min(Math.max(distance, 1), depth) - 1]!;
  }

  /** Distance i with probability lambda(i) / sum(lambda), from u in (0, lambdaTotal]. */
  private pickDistance(u: number): number {
    const depth = this.params.theta.length;
    for (let i = 1; i < depth; i++) {
      u -= this.lambda[i]!;
      if (u <= 0) return i;
    }
    return depth;
  }

  private limit(side: OrderSide, distance: number): MarketEvent {
    const tick = side === 'BUY' ? this.bestAskTick - distance : this.bestBidTick + distance;
    const queues = side === 'BUY' ? this.bids : this.asks;
    const orderId = this.nextOrderId++;
    const queue = queues.get(tick);
    if (queue) queue.push(orderId);
    else queues.set(tick, [orderId]);
    if (side === 'BUY' && tick > this.bestBidTick) this.bestBidTick = tick;
    if (side === 'SELL' && tick < this.bestAskTick) this.bestAskTick = tick;
    if (side === 'BUY' && this.bids.size === 1) this.bestBidTick = tick;
    if (side === 'SELL' && this.asks.size === 1) this.bestAskTick = tick;
    return this.event('ADD', side, tick, orderId);
  }

  /** A market order against `restingSide` takes the first unit at that side's best price. */
  private market(restingSide: OrderSide): MarketEvent {
    const queues = restingSide === 'BUY' ? this.bids : this.asks;
    const tick = restingSide === 'BUY' ? this.bestBidTick : this.bestAskTick;
    const queue = queues.get(tick)!;
    const orderId = queue.shift()!;
    if (queue.length === 0) this.removeLevel(queues, restingSide, tick);
    return this.event('EXECUTE_VISIBLE', restingSide, tick, orderId);
  }

  /** Cancels the order picked by u in (0, side's cancel rate]. */
  private cancel(queues: Queues, side: OrderSide, u: number, depth: number): MarketEvent {
    let chosenTick = NaN;
    let chosenQueue: number[] | undefined;
    for (const [tick, queue] of queues) {
      const levelRate = this.theta(this.distance(side, tick), depth) * queue.length;
      chosenTick = tick;
      chosenQueue = queue;
      if (u <= levelRate) break;
      u -= levelRate;
    }
    const queue = chosenQueue!;
    // Every order in the level has the same rate, so the canceled one is uniform within the queue.
    const index = this.rng.nextInt(queue.length);
    const orderId = queue[index]!;
    queue.splice(index, 1);
    if (queue.length === 0) this.removeLevel(queues, side, chosenTick);
    return this.event('DELETE', side, chosenTick, orderId);
  }

  private removeLevel(queues: Queues, side: OrderSide, tick: number): void {
    queues.delete(tick);
    if (queues.size === 0) return; // keep the last best price as the reference quote
    const best = side === 'BUY' ? this.bestBidTick : this.bestAskTick;
    if (tick !== best) return;
    let next = side === 'BUY' ? -Infinity : Infinity;
    for (const t of queues.keys()) next = side === 'BUY' ? Math.max(next, t) : Math.min(next, t);
    if (side === 'BUY') this.bestBidTick = next;
    else this.bestAskTick = next;
  }

  private event(kind: MarketEvent['kind'], side: OrderSide, tick: number, orderId: number): MarketEvent {
    return { kind, time: this.time, orderId, size: this.params.unitShares, price: tick * this.tick, side, haltPhase: undefined };
  }
}
