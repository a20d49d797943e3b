import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  IbOrderMappingExistsError,
  IbOrderRepository,
  IbOrderUnknownError,
  IbPermIdChangedError,
  Ledger,
  LedgerRowError,
  type IbOrderMapping,
} from '../../../src/main/ledger';
import { orderFixture } from '../../support/order-fixtures';
import { rawDatabase } from '../../../src/main/ledger/raw-database';

const PRIMARY = '127.0.0.1:4002';
const STANDBY = '[::1]:4002';

let ledger: Ledger;
let repo: IbOrderRepository;
beforeEach(() => {
  ledger = Ledger.open(':memory:');
  for (const n of [1, 2, 3, 4]) {
    ledger.orders.insert({ ...orderFixture({ clientOrderId: `FABCD-${n}`, status: 'SUBMITTED' }), venue: 'IB', statusBeforePending: null, fillNotional: 0 });
  }
  repo = ledger.ibOrders;
});
afterEach(() => ledger.close());

const mapping = (overrides: Partial<IbOrderMapping> = {}): IbOrderMapping => ({
  clientOrderId: 'FABCD-1',
  gateway: PRIMARY,
  clientId: 17,
  orderId: 101,
  permId: null,
  createdAt: 1_760_000_000_000_000,
  ...overrides,
});

describe('IbOrderRepository', () => {
  it('finds a mapping by orderRef, by (gateway, client id, order id) and by permId, round-tripping every field', () => {
    repo.insert(mapping());
    repo.insert(mapping({ clientOrderId: 'FABCD-2', orderId: 102, permId: 555 }));
    expect(repo.byOrderRef('FABCD-1')).toEqual(mapping());
    expect(repo.byOrderId(PRIMARY, 17, 102)).toEqual(mapping({ clientOrderId: 'FABCD-2', orderId: 102, permId: 555 }));
    expect(repo.byPermId(555)).toEqual([mapping({ clientOrderId: 'FABCD-2', orderId: 102, permId: 555 })]);
    expect(repo.byOrderRef('FABCD-3')).toBeUndefined();
    expect(repo.byOrderId(STANDBY, 17, 102)).toBeUndefined();
    expect(repo.byOrderId(PRIMARY, 18, 102)).toBeUndefined();
    expect(repo.byPermId(556)).toEqual([]);
  });

  it('tells orders with the same IB order id on two gateways apart', () => {
    repo.insert(mapping());
    repo.insert(mapping({ clientOrderId: 'FABCD-2', gateway: STANDBY }));
    expect(repo.byOrderId(PRIMARY, 17, 101)?.clientOrderId).toBe('FABCD-1');
    expect(repo.byOrderId(STANDBY, 17, 101)?.clientOrderId).toBe('FABCD-2');
  });

  it('answers the highest order id a client id ever used, across gateways, and nothing for an unused client id', () => {
    expect(repo.maxOrderId(17)).toBeUndefined();
    repo.insert(mapping({ orderId: 101 }));
    repo.insert(mapping({ clientOrderId: 'FABCD-2', gateway: STANDBY, orderId: 250 }));
    repo.insert(mapping({ clientOrderId: 'FABCD-3', orderId: 120 }));
    repo.insert(mapping({ clientOrderId: 'FABCD-4', clientId: 18, orderId: 9_000 }));
    expect(repo.maxOrderId(17)).toBe(250);
    expect(repo.maxOrderId(18)).toBe(9_000);
    expect(repo.maxOrderId(19)).toBeUndefined();
  });

  it('survives a restart: a reopened ledger file holds the same mappings', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'floor-ib-orders-'));
    const file = path.join(dir, 'floor.sqlite');
    try {
      const first = Ledger.open(file);
      first.orders.insert({ ...orderFixture({ clientOrderId: 'FABCD-1', status: 'SUBMITTED' }), venue: 'IB', statusBeforePending: null, fillNotional: 0 });
      const writer = first.ibOrders;
      writer.insert(mapping());
      writer.setPermId('FABCD-1', 777);
      first.close();
      const second = Ledger.open(file);
      const reader = second.ibOrders;
      expect(reader.byPermId(777)).toEqual([mapping({ permId: 777 })]);
      expect(reader.maxOrderId(17)).toBe(101);
      second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stores the permId once; the same permId again changes nothing, another one is refused with the reason', () => {
    repo.insert(mapping());
    expect(repo.setPermId('FABCD-1', 555)).toBe(true);
    expect(repo.setPermId('FABCD-1', 555)).toBe(false);
    expect(() => repo.setPermId('FABCD-1', 556)).toThrow(IbPermIdChangedError);
    expect(() => repo.setPermId('FABCD-1', 556)).toThrow(
      "order FABCD-1 has IB permId 555; the gateway now reports 556. A permId never changes, so one of the two reports is about another order: check the gateway's orderRef",
    );
    expect(repo.byOrderRef('FABCD-1')?.permId).toBe(555);
    repo.insert(mapping({ clientOrderId: 'FABCD-2', orderId: 102, permId: 600 }));
    expect(() => repo.setPermId('FABCD-2', 601)).toThrow(/has IB permId 600; the gateway now reports 601/);
  });

  it('refuses a permId for an order without a mapping, and a permId that is not a positive integer', () => {
    expect(() => repo.setPermId('FABCD-1', 555)).toThrow(new IbOrderUnknownError('FABCD-1', 'mapping'));
    repo.insert(mapping());
    expect(() => repo.setPermId('FABCD-1', 0)).toThrow(RangeError);
    expect(() => repo.setPermId('FABCD-1', 1.5)).toThrow(/positive integer, got 1.5/);
    expect(repo.byOrderRef('FABCD-1')?.permId).toBeNull();
  });

  it('refuses a second mapping of an order or of an IB order id on one gateway, and a mapping of an unknown order', () => {
    repo.insert(mapping());
    expect(() => repo.insert(mapping({ orderId: 102 }))).toThrow(IbOrderMappingExistsError);
    expect(() => repo.insert(mapping({ clientOrderId: 'FABCD-2' }))).toThrow(/IB order id 101 of client id 17 on 127.0.0.1:4002 is mapped/);
    expect(() => repo.insert(mapping({ clientOrderId: 'FNOPE-1', orderId: 103 }))).toThrow('no order FNOPE-1 in the ledger to map to an IB order');
  });

  it('refuses a malformed mapping, naming the field', () => {
    expect(() => repo.insert(mapping({ gateway: '127.0.0.1' }))).toThrow(/gateway: gateway must be host:port/);
    expect(() => repo.insert(mapping({ gateway: '::1:4002' }))).toThrow(/gateway: gateway must be host:port \(an IPv6 host in brackets\)/);
    expect(() => repo.insert(mapping({ orderId: 2 ** 31 }))).toThrow(/orderId: must be at most 2147483647/);
    expect(() => repo.insert(mapping({ clientId: -1 }))).toThrow(/clientId: must not be negative/);
    expect(() => repo.insert(mapping({ permId: 0 }))).toThrow(/permId: permId must be positive/);
    expect(repo.byOrderRef('FABCD-1')).toBeUndefined();
  });

  it('reports a stored row it cannot read, naming the order', () => {
    rawDatabase(ledger).prepare("INSERT INTO ib_orders VALUES ('FABCD-1', 'no port here', 17, 1, NULL, 1)").run();
    expect(() => repo.byOrderRef('FABCD-1')).toThrow(LedgerRowError);
    expect(() => repo.byOrderRef('FABCD-1')).toThrow(/ib_orders, row client_order_id FABCD-1: unexpected content \(gateway: gateway must be host:port/);
  });
});
