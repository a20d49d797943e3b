import type { AccountValues } from '../broker';
import * as req from '../messages/in-requests';
import { intAt, parseReqAccountUpdatesMulti, parseReqPnL, parseReqPnLSingle, parseReqPositionsMulti } from '../messages/in-more-requests';
import {
  accountDownloadEnd,
  accountSummary,
  accountSummaryEnd,
  accountTime,
  accountUpdateMulti,
  accountUpdateMultiEnd,
  accountValue,
  pnl,
  pnlSingle,
  portfolioValue,
  position,
  positionEnd,
  positionMulti,
  positionMultiEnd,
} from '../messages/out-account';
import { CODE, REQ } from '../protocol';
import type { RequestHandler, SessionIo } from '../session-io';

type Figure = (v: AccountValues) => string;

/** Tags served by reqAccountSummary, dollars unless noted. "All" is not an IB tag; IB wants them listed. */
const SUMMARY_TAGS: Readonly<Record<string, Figure>> = {
  AccountType: () => 'INDIVIDUAL',
  NetLiquidation: (v) => v.netLiquidation.toFixed(2),
  TotalCashValue: (v) => v.cash.toFixed(2),
  SettledCash: (v) => v.cash.toFixed(2),
  BuyingPower: (v) => Math.max(0, v.netLiquidation * 4 - v.grossPositionValue).toFixed(2),
  AvailableFunds: (v) => (v.netLiquidation - v.grossPositionValue / 4).toFixed(2),
  ExcessLiquidity: (v) => (v.netLiquidation - v.grossPositionValue / 4).toFixed(2),
  GrossPositionValue: (v) => v.grossPositionValue.toFixed(2),
  RealizedPnL: (v) => v.realizedPnl.toFixed(2),
  UnrealizedPnL: (v) => v.unrealizedPnl.toFixed(2),
};

/** Cash balance tags relayed by the `$LEDGER` tag (IB: all of them, base currency only; these are the ones the simulator knows). */
const LEDGER_TAGS: Readonly<Record<string, Figure>> = {
  CashBalance: (v) => v.cash.toFixed(2),
  TotalCashBalance: (v) => v.cash.toFixed(2),
  RealizedPnL: (v) => v.realizedPnl.toFixed(2),
  UnrealizedPnL: (v) => v.unrealizedPnl.toFixed(2),
};

/** The values reqAccountUpdates and reqAccountUpdatesMulti stream; the ledger-and-NLV subset is what `ledgerAndNLV` asks for. */
const UPDATE_KEYS: ReadonlyArray<readonly [string, (v: AccountValues) => number, boolean]> = [
  ['NetLiquidation', (v) => v.netLiquidation, true],
  ['TotalCashValue', (v) => v.cash, true],
  ['GrossPositionValue', (v) => v.grossPositionValue, false],
  ['RealizedPnL', (v) => v.realizedPnl, true],
  ['UnrealizedPnL', (v) => v.unrealizedPnl, true],
];

interface MultiSub {
  /** The account asked for ("" = every managed account). */
  readonly account: string;
  readonly ledgerAndNLV: boolean;
}

/**
 * Account requests of one session: reqPositions, reqAccountSummary, reqAccountUpdates, their
 * -Multi forms, reqPnL and reqPnLSingle, with the streaming ones updated after every fill
 * (`onPositionChanged`). The simulated account starts the session flat, so its daily P&L is its
 * realized plus unrealized P&L.
 */
export class AccountRequests implements RequestHandler {
  private positionsSubscribed = false;
  /** Account whose updates (reqAccountUpdates) this session receives, if subscribed. */
  private accountUpdates: string | undefined;
  private readonly positionsMulti = new Map<number, MultiSub>();
  private readonly updatesMulti = new Map<number, MultiSub>();
  private readonly pnlSubs = new Map<number, string>();
  private readonly pnlSingleSubs = new Map<number, string>();

  constructor(private readonly io: SessionIo) {}

  handle(id: number, fields: string[]): boolean {
    const broker = this.io.host.broker;
    switch (id) {
      case REQ.REQ_POSITIONS:
        this.positionsSubscribed = true;
        for (const account of broker.tradedAccounts()) this.sendPosition(account);
        this.io.send(positionEnd());
        return true;
      case REQ.CANCEL_POSITIONS:
        this.positionsSubscribed = false;
        return true;
      case REQ.REQ_ACCOUNT_SUMMARY:
        this.sendAccountSummary(req.parseReqAccountSummary(fields));
        return true;
      case REQ.CANCEL_ACCOUNT_SUMMARY:
        return true; // the summary is sent once; nothing streams
      case REQ.REQ_ACCOUNT_DATA: {
        const { subscribe, account } = req.parseReqAccountUpdates(fields);
        this.accountUpdates = subscribe ? account || broker.accounts[0] : undefined;
        if (this.accountUpdates !== undefined) {
          this.sendAccountUpdates(this.accountUpdates);
          this.io.send(accountDownloadEnd(this.accountUpdates));
        }
        return true;
      }
      case REQ.REQ_POSITIONS_MULTI: {
        const { reqId, account } = parseReqPositionsMulti(fields);
        if (!this.knownAccount(reqId, account)) return true;
        this.positionsMulti.set(reqId, { account, ledgerAndNLV: false });
        for (const traded of this.accountsOf(account).filter((a) => broker.tradedAccounts().includes(a))) this.sendPositionMulti(reqId, traded);
        this.io.send(positionMultiEnd(reqId));
        return true;
      }
      case REQ.REQ_ACCOUNT_UPDATES_MULTI: {
        const { reqId, account, ledgerAndNLV } = parseReqAccountUpdatesMulti(fields);
        if (!this.knownAccount(reqId, account)) return true;
        const sub = { account, ledgerAndNLV };
        this.updatesMulti.set(reqId, sub);
        this.sendUpdatesMulti(reqId, sub);
        this.io.send(accountUpdateMultiEnd(reqId));
        return true;
      }
      case REQ.REQ_PNL: {
        const { reqId, account } = parseReqPnL(fields);
        if (!this.knownAccount(reqId, account, true)) return true;
        this.pnlSubs.set(reqId, account);
        this.sendPnl(reqId, account);
        return true;
      }
      case REQ.REQ_PNL_SINGLE: {
        const { reqId, account, conId } = parseReqPnLSingle(fields);
        if (!this.knownAccount(reqId, account, true)) return true;
        if (conId !== broker.contract.conId) {
          this.io.sendError(reqId, CODE.NO_SECURITY_DEFINITION, 'No security definition has been found for the request');
          return true;
        }
        this.pnlSingleSubs.set(reqId, account);
        this.sendPnlSingle(reqId, account);
        return true;
      }
      case REQ.CANCEL_POSITIONS_MULTI:
        this.positionsMulti.delete(intAt(fields, 2));
        return true;
      case REQ.CANCEL_ACCOUNT_UPDATES_MULTI:
        this.updatesMulti.delete(intAt(fields, 2));
        return true;
      case REQ.CANCEL_PNL:
        this.pnlSubs.delete(intAt(fields, 1));
        return true;
      case REQ.CANCEL_PNL_SINGLE:
        this.pnlSingleSubs.delete(intAt(fields, 1));
        return true;
      default:
        return false;
    }
  }

  /** After a fill: every streaming subscription on `account` gets its new values. */
  onPositionChanged(account: string): void {
    if (this.positionsSubscribed) this.sendPosition(account);
    if (this.accountUpdates === account) this.sendAccountUpdates(account);
    for (const [reqId, sub] of this.positionsMulti) if (this.accountsOf(sub.account).includes(account)) this.sendPositionMulti(reqId, account);
    for (const [reqId, sub] of this.updatesMulti) if (this.accountsOf(sub.account).includes(account)) this.sendUpdatesMulti(reqId, sub);
    for (const [reqId, subscribed] of this.pnlSubs) if (subscribed === account) this.sendPnl(reqId, account);
    for (const [reqId, subscribed] of this.pnlSingleSubs) if (subscribed === account) this.sendPnlSingle(reqId, account);
  }

  /** 1101 (data lost): every account subscription is gone; the client asks again. */
  dataLost(): void {
    this.accountUpdates = undefined;
    this.positionsSubscribed = false;
    this.positionsMulti.clear();
    this.updatesMulti.clear();
    this.pnlSubs.clear();
    this.pnlSingleSubs.clear();
  }

  /** "" (or "All") means every managed account; `required` requests name one. Else error 321 when the account is not managed here. */
  private knownAccount(reqId: number, account: string, required = false): boolean {
    const accounts = this.io.host.broker.accounts;
    if ((!required && (account === '' || account === 'All')) || accounts.includes(account)) return true;
    this.io.sendError(reqId, CODE.VALIDATE_REQUEST, `Error validating request.-'bO' : cause - The account code ${JSON.stringify(account)} is not managed by this gateway (managed: ${accounts.join(',')})`);
    return false;
  }

  private accountsOf(account: string): readonly string[] {
    return account === '' || account === 'All' ? this.io.host.broker.accounts : [account];
  }

  private sendPosition(account: string): void {
    const v = this.io.host.broker.accountValues(account);
    this.io.send(position(account, this.io.host.broker.contract, v.quantity, v.avgCost));
  }

  private sendPositionMulti(reqId: number, account: string): void {
    const v = this.io.host.broker.accountValues(account);
    this.io.send(positionMulti(reqId, account, '', this.io.host.broker.contract, v.quantity, v.avgCost));
  }

  private sendAccountSummary({ reqId, tags }: { reqId: number; tags: string[] }): void {
    const broker = this.io.host.broker;
    for (const account of broker.accounts) {
      const values = broker.accountValues(account);
      for (const tag of tags) {
        const served = tag === '$LEDGER' ? LEDGER_TAGS : { [tag]: SUMMARY_TAGS[tag] };
        for (const [name, value] of Object.entries(served)) {
          if (value) this.io.send(accountSummary(reqId, account, name, value(values), name === 'AccountType' ? '' : broker.contract.currency));
        }
      }
    }
    this.io.send(accountSummaryEnd(reqId));
  }

  private sendAccountUpdates(account: string): void {
    const broker = this.io.host.broker;
    const v = broker.accountValues(account);
    for (const [key, value] of UPDATE_KEYS) this.io.send(accountValue(key, value(v).toFixed(2), broker.contract.currency, account));
    if (broker.tradedAccounts().includes(account)) {
      this.io.send(portfolioValue(broker.contract, v.quantity, v.markPrice, v.marketValue, v.avgCost, v.unrealizedPnl, v.realizedPnl, account));
    }
    const now = new Date(this.io.host.now());
    this.io.send(accountTime(`${String(now.getUTCHours()).padStart(2, '0')}:${String(now.getUTCMinutes()).padStart(2, '0')}`));
  }

  private sendUpdatesMulti(reqId: number, sub: MultiSub): void {
    const broker = this.io.host.broker;
    for (const account of this.accountsOf(sub.account)) {
      const v = broker.accountValues(account);
      for (const [key, value, ledger] of UPDATE_KEYS) {
        if (!sub.ledgerAndNLV || ledger) this.io.send(accountUpdateMulti(reqId, account, '', key, value(v).toFixed(2), broker.contract.currency));
      }
    }
  }

  private sendPnl(reqId: number, account: string): void {
    const v = this.io.host.broker.accountValues(account);
    this.io.send(pnl(reqId, v.realizedPnl + v.unrealizedPnl, v.unrealizedPnl, v.realizedPnl, this.io.serverVersion));
  }

  private sendPnlSingle(reqId: number, account: string): void {
    const v = this.io.host.broker.accountValues(account);
    this.io.send(pnlSingle(reqId, v.quantity, v.realizedPnl + v.unrealizedPnl, v.unrealizedPnl, v.realizedPnl, v.marketValue, this.io.serverVersion));
  }
}
