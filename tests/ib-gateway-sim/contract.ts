import type { Instrument } from '../../src/shared';
import { microsToDollars } from '../../src/shared';
import type { FieldReader } from './field-reader';

/** The contract fields every request and most messages carry (TWS Contract, stock subset). */
export interface IbContractFields {
  readonly conId: number;
  readonly symbol: string;
  readonly secType: string;
  readonly lastTradeDateOrContractMonth: string;
  /** Option strike, dollars (0 for stocks). */
  readonly strike: number;
  readonly right: string;
  readonly multiplier: string;
  readonly exchange: string;
  readonly primaryExch: string;
  readonly currency: string;
  readonly localSymbol: string;
  readonly tradingClass: string;
}

/** The one stock the simulator trades: the replayed instrument, as IB would describe it. */
export interface SimContract extends IbContractFields {
  readonly instrument: Instrument;
  /** Minimum price increment, dollars (IB's minTick is a float). */
  readonly minTick: number;
  readonly longName: string;
  /** The replayed session's date, "yyyyMMdd" (New York), for trading hours. */
  readonly sessionDate: string;
}

/** A stable fake conId per symbol (IB conIds are positive ints; the real GOOG/AAPL ids are not needed). */
function conIdFor(symbol: string): number {
  let h = 0;
  for (const ch of symbol) h = (h * 31 + ch.charCodeAt(0)) % 900_000;
  return 100_000 + h;
}

/** Describes `instrument`, replayed on `sessionDate` (yyyyMMdd), as an IB SMART-routed US stock with primary exchange NASDAQ (LOBSTER data is Nasdaq's). */
export function simContract(instrument: Instrument, sessionDate: string, conId = conIdFor(instrument.instrumentId)): SimContract {
  const symbol = instrument.instrumentId;
  return {
    instrument,
    conId,
    symbol,
    secType: 'STK',
    lastTradeDateOrContractMonth: '',
    strike: 0,
    right: '',
    multiplier: '',
    exchange: 'SMART',
    primaryExch: 'NASDAQ',
    currency: instrument.currency,
    localSymbol: symbol,
    tradingClass: 'NMS',
    minTick: microsToDollars(instrument.tickSize),
    longName: `${symbol} (replayed ${instrument.venue} book)`,
    sessionDate,
  };
}

/** True when a request's contract names our stock: by conId when given, else by symbol (and STK/currency when given). */
export function matchesContract(requested: IbContractFields, ours: SimContract): boolean {
  if (requested.conId !== 0) return requested.conId === ours.conId;
  if (requested.symbol.toUpperCase() !== ours.symbol.toUpperCase()) return false;
  if (requested.secType !== '' && requested.secType.toUpperCase() !== 'STK') return false;
  return requested.currency === '' || requested.currency.toUpperCase() === ours.currency;
}

/**
 * Reads the contract block of a request: conId, symbol, secType, lastTradeDateOrContractMonth,
 * strike, right, multiplier, exchange, [primaryExch], currency, localSymbol, tradingClass.
 * `withPrimaryExch` false for layouts that omit it (reqMktDepth below server version 149).
 */
export function readContract(r: FieldReader, withPrimaryExch = true): IbContractFields {
  const conId = r.int();
  const symbol = r.str();
  const secType = r.str();
  const lastTradeDateOrContractMonth = r.str();
  const strike = r.float() ?? 0;
  const right = r.str();
  const multiplier = r.str();
  const exchange = r.str();
  const primaryExch = withPrimaryExch ? r.str() : '';
  const currency = r.str();
  const localSymbol = r.str();
  const tradingClass = r.str();
  return { conId, symbol, secType, lastTradeDateOrContractMonth, strike, right, multiplier, exchange, primaryExch, currency, localSymbol, tradingClass };
}
