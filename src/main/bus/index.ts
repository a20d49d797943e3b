/**
 * Floor's typed event bus: order, market and risk events on named topics, so components subscribe
 * instead of calling each other (the host's pushes, the alerts writer and the circuit breaker are
 * subscribers; the engine and the feeds publish through the bridges).
 */
export { EventBus, type BusErrorHandler, type BusListener } from './event-bus';
export type {
  BreakerTripped,
  DailyLossBreached,
  HaltCause,
  HaltReport,
  MarketView,
  TerminalBus,
  TerminalTopics,
} from './topics';
export { publishEngineEvents, publishFeedEvents, type EngineEventSource } from './bridges';

import { EventBus, type BusErrorHandler } from './event-bus';
import type { TerminalTopics } from './topics';

/** A new, empty terminal bus. */
export function createTerminalBus(onError?: BusErrorHandler): EventBus<TerminalTopics> {
  return new EventBus<TerminalTopics>(onError);
}
