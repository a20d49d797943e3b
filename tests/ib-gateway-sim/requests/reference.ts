import { matchesContract } from '../contract';
import * as req from '../messages/in-requests';
import { intAt, parseDisplayGroupRequest, parseReqHeadTimestamp, parseReqMatchingSymbols, parseReqSmartComponents } from '../messages/in-more-requests';
import { contractDetailsEnd } from '../messages/out-basic';
import { contractDetails } from '../messages/out-contract';
import * as ref from '../messages/out-reference';
import { CODE, REQ } from '../protocol';
import type { RequestHandler, SessionIo } from '../session-io';
import { BBO_EXCHANGE } from './market';

/** The market rule IB gives US stocks priced from $0 (one cent ticks); contractDetails names it in marketRuleIds. */
const STOCK_MARKET_RULE = 26;
/** TWS's display groups (its colour-coded window groups). */
const DISPLAY_GROUPS = '1|2|3|4|5|6|7';
/** A minimal scanner parameters document (the real one is a few MB of TWS's scanner catalogue). */
const SCANNER_XML = '<?xml version="1.0" encoding="UTF-8"?><ScanParameterResponse><InstrumentList><Instrument><type>STK</type><name>US Stocks</name></Instrument></InstrumentList></ScanParameterResponse>';

/**
 * Reference data for one session: contract details, symbol search, depth exchanges, SMART
 * components, market rules, family codes, soft-dollar tiers, option chains (none), news providers
 * and history (none), head timestamp, scanner parameters, user info and TWS display groups; all
 * about the one replayed stock.
 */
export class ReferenceRequests implements RequestHandler {
  /** Display-group subscriptions: reqId -> the group's contract ("none" while empty). */
  private readonly groups = new Map<number, string>();

  constructor(private readonly io: SessionIo) {}

  handle(id: number, fields: string[]): boolean {
    const { io } = this;
    const broker = io.host.broker;
    const c = broker.contract;
    switch (id) {
      case REQ.REQ_CONTRACT_DATA: {
        const { reqId, contract } = req.parseReqContractDetails(fields);
        if (!matchesContract(contract, c)) return this.noSecurity(reqId);
        io.send(contractDetails(reqId, c, io.serverVersion));
        io.send(contractDetailsEnd(reqId));
        return true;
      }
      case REQ.REQ_MATCHING_SYMBOLS: {
        const { reqId, pattern } = parseReqMatchingSymbols(fields);
        const p = pattern.trim().toUpperCase();
        const hit = p !== '' && (c.symbol.startsWith(p) || c.longName.toUpperCase().includes(p));
        io.send(ref.symbolSamples(reqId, hit ? [c] : [], io.serverVersion));
        return true;
      }
      case REQ.REQ_MKT_DEPTH_EXCHANGES:
        io.send(ref.mktDepthExchanges([{ exchange: c.primaryExch, secType: c.secType, listingExch: c.primaryExch, serviceDataType: 'Deep2', aggGroup: 1 }], io.serverVersion));
        return true;
      case REQ.REQ_SMART_COMPONENTS: {
        const { reqId, bboExchange } = parseReqSmartComponents(fields);
        io.send(ref.smartComponents(reqId, bboExchange === BBO_EXCHANGE ? [{ bitNumber: 1, exchange: c.primaryExch, exchangeLetter: 'Q' }] : []));
        return true;
      }
      case REQ.REQ_MARKET_RULE: {
        const ruleId = intAt(fields, 1);
        if (ruleId !== STOCK_MARKET_RULE) io.sendError(-1, CODE.VALIDATE_REQUEST, `Error validating request.-'cm' : cause - market rule ${ruleId} is unknown (the simulated stock uses ${STOCK_MARKET_RULE})`);
        else io.send(ref.marketRule(ruleId, [{ lowEdge: 0, increment: c.minTick }]));
        return true;
      }
      case REQ.REQ_FAMILY_CODES:
        io.send(ref.familyCodes(broker.accounts.map((accountId) => ({ accountId, familyCode: '' }))));
        return true;
      case REQ.REQ_SOFT_DOLLAR_TIERS:
        io.send(ref.softDollarTiers(intAt(fields, 1)));
        return true;
      case REQ.REQ_SEC_DEF_OPT_PARAMS:
        io.send(ref.securityDefinitionOptionParameterEnd(intAt(fields, 1)));
        return true;
      case REQ.REQ_NEWS_PROVIDERS:
        io.send(ref.newsProviders());
        return true;
      case REQ.REQ_HISTORICAL_NEWS:
        io.send(ref.historicalNewsEnd(intAt(fields, 1), false));
        return true;
      case REQ.REQ_HEAD_TIMESTAMP: {
        const { reqId, contract, formatDate } = parseReqHeadTimestamp(fields);
        if (!matchesContract(contract, c)) return this.noSecurity(reqId);
        const first = Math.floor(broker.feed.toUnixMicros(broker.feed.status().sessionStart) / 1_000_000);
        io.send(ref.headTimestamp(reqId, formatDate === 2 ? String(first) : utcStamp(first)));
        return true;
      }
      case REQ.REQ_SCANNER_PARAMETERS:
        io.send(ref.scannerParameters(SCANNER_XML));
        return true;
      case REQ.REQ_USER_INFO:
        io.send(ref.userInfo(intAt(fields, 1), ''));
        return true;
      default:
        return this.displayGroup(id, fields);
    }
  }

  private displayGroup(id: number, fields: string[]): boolean {
    if (id !== REQ.QUERY_DISPLAY_GROUPS && id !== REQ.SUBSCRIBE_TO_GROUP_EVENTS && id !== REQ.UPDATE_DISPLAY_GROUP && id !== REQ.UNSUBSCRIBE_FROM_GROUP_EVENTS) return false;
    const { reqId, argument } = parseDisplayGroupRequest(fields);
    if (id === REQ.QUERY_DISPLAY_GROUPS) {
      this.io.send(ref.displayGroupList(reqId, DISPLAY_GROUPS));
    } else if (id === REQ.SUBSCRIBE_TO_GROUP_EVENTS) {
      this.groups.set(reqId, 'none');
      this.io.send(ref.displayGroupUpdated(reqId, 'none'));
    } else if (id === REQ.UPDATE_DISPLAY_GROUP) {
      if (!this.groups.has(reqId)) {
        this.io.sendError(reqId, CODE.VALIDATE_REQUEST, `Error validating request.-'ds' : cause - request ${reqId} is not subscribed to a display group`);
      } else {
        this.groups.set(reqId, argument);
        this.io.send(ref.displayGroupUpdated(reqId, argument));
      }
    } else {
      this.groups.delete(reqId);
    }
    return true;
  }

  private noSecurity(reqId: number): true {
    this.io.sendError(reqId, CODE.NO_SECURITY_DEFINITION, 'No security definition has been found for the request');
    return true;
  }
}

/** "yyyyMMdd-HH:mm:ss" in UTC (IB's head-timestamp form for formatDate 1). */
function utcStamp(epochSeconds: number): string {
  const iso = new Date(epochSeconds * 1000).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 19)}`;
}
