/**
 * Market data: the L2 order book, the LOBSTER reader and replay, and the synthetic market.
 * Public surface for the venues, execution, host and the composition root.
 */
export type { MarketEvent, MarketEventKind, HaltPhase } from './market-event';
export type { BookView } from './book-view';
export type { MarketFeed } from './market-feed';
export { OrderBook, OrderBookError } from './order-book';
export { ClockedFeed } from './clocked-feed';
export { systemClock, checkSpeed, MIN_SPEED, MAX_SPEED } from './feed-clock';
export type { FeedClock } from './feed-clock';
export { ReplayFailedError, replayFailure } from './replay-failure';
export { BadTickGuard, DEFAULT_BAD_TICK_BAND_BPS, outsideBand } from './bad-tick-guard';
export { SessionCalendar, US_EQUITY_TIME_ZONE, localDate } from './session-calendar';
export { lobsterDaysBeside, lobsterFileInfo, locateOrderbookFile, LobsterFileNameError } from './lobster/file-name';
export type { LobsterDay, LobsterFileInfo, LobsterFileInfoOverride } from './lobster/file-name';
export { LobsterFormatError } from './lobster/format-error';
export { LOBSTER_DUMMY_ASK, LOBSTER_DUMMY_BID } from './lobster/orderbook-parser';
export type { LobsterBookRows } from './lobster/orderbook-parser';
export { LobsterMessageReader, LobsterOrderbookReader, LobsterPairedReader } from './lobster/reader';
export type { LobsterPairedBatch } from './lobster/reader';
export { LobsterBookSync, LobsterBookMismatchError } from './lobster/book-sync';
export { LobsterReplayFeed } from './lobster/replay-feed';
export { checkLobsterPair } from './lobster/pair-check';
export type { LobsterHaltRow, LobsterPairReport } from './lobster/pair-check';
export type { LobsterReplayOptions } from './lobster/replay-feed';
export { SyntheticFeed, REGULAR_SESSION_START, REGULAR_SESSION_END } from './synthetic/synthetic-feed';
export type { SyntheticFeedOptions } from './synthetic/synthetic-feed';
export { CstModel, CST_2010_PARAMETERS } from './synthetic/cst-model';
export type { CstParameters } from './synthetic/cst-model';
export { Prng } from './synthetic/prng';
export { openMarketFeed } from './feed-factory';
export type { MarketFeedConfig } from './feed-factory';
