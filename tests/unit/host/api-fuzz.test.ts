import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../../src/main/host';
import { dispatchRpc } from '../../../src/main/host/rpc-dispatch';
import type { HostFrame } from '../../../src/shared/rpc';
import { VALID_ORDER, breaches, snapshotExceptAlerts, startApiHost, type ApiHostFixture } from '../security/api-auth/api-host-fixture';
import { post, postSigned, testKey } from '../security/api-auth/signed-client';
import { testHandlers } from './helpers';
import { rawDatabase } from '../../../src/main/ledger/raw-database';

// JSON cannot carry NaN; what a client can send instead: raw number texts that parse to Infinity or
// lose precision, -0, strings, unicode, nesting, wrong types. Every value below is invalid for the
// field it is put in, so no generated request may place an order.

const deep = (depth: number, open: string, close: string): string => open.repeat(depth) + close.repeat(depth);
const nestings = fc.integer({ min: 1, max: 3_000 }).chain((d) => fc.constantFrom(deep(d, '[', ']'), `${deep(d, '{"a":', '')}1${'}'.repeat(d)}`));
const unicode = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 });
const wrongTypes = fc.oneof(
  fc.constantFrom('null', 'true', 'false', '[]', '{}', '"NaN"', '"Infinity"'),
  unicode.map((s) => JSON.stringify(s)),
  nestings,
);
const badNumbers = fc.oneof(
  fc.constantFrom('1e309', '-1e309', '-0', '0', '9007199254740993', '1e400', '-1', '0.5', '1e-7', '123456789012345678901234567890'),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n) || n <= 0).map((n) => JSON.stringify(n)),
  fc.integer({ min: -2_000_000_000, max: 0 }).map(String),
);
const badQuantity = fc.oneof(badNumbers, fc.integer({ min: 10_000_001, max: Number.MAX_SAFE_INTEGER }).map(String), wrongTypes);
const badPrice = fc.oneof(badNumbers, fc.constantFrom('1000000000001', '1e15', '2e300'), wrongTypes);
const badText = (valid: readonly string[]) =>
  fc.oneof(wrongTypes, badNumbers, unicode.filter((s) => !valid.includes(s)).map((s) => JSON.stringify(s)));
const badTicker = fc.oneof(
  wrongTypes,
  badNumbers,
  fc.constantFrom('"goog"', '"GO OG"', '"GOOG🚀"', '"ＧＯＯＧ"', '""', '"GOOGLEALPHABETINC"', '"G\\u0000"'),
  unicode.filter((s) => !/^[A-Z][A-Z0-9.]{0,11}$/.test(s)).map((s) => JSON.stringify(s)),
);
const badSignal = fc.oneof(
  wrongTypes.filter((raw) => raw !== '{}'),
  badNumbers,
  fc.record({ field: fc.constantFrom('entry', 'stop', 'target'), raw: badPrice }).map(({ field, raw }) => `{"${field}":${raw}}`),
  fc.oneof(wrongTypes, fc.constantFrom('0', '-0', '1', '1.5', '-0.5', '1e309', '"0.5"')).map((raw) => `{"winProbability":${raw},"payoffRatio":2}`),
  // zod drops an own "__proto__" key that JSON.parse creates (harmless, nothing is polluted), so it is not an extra field here.
  unicode.filter((k) => !['signalId', '__proto__', 'entry', 'stop', 'target', 'winProbability', 'payoffRatio', 'score'].includes(k)).map((k) => `{${JSON.stringify(k)}:1}`),
);

/** An order with one field replaced by a raw JSON text that is invalid for it (or an unknown extra field). */
const invalidOrderBody = fc.oneof(
  fc.record({ field: fc.constant('quantity'), raw: badQuantity }),
  fc.record({ field: fc.constant('limitPrice'), raw: badPrice }),
  fc.record({ field: fc.constant('instrumentId'), raw: badTicker }),
  fc.record({ field: fc.constant('side'), raw: badText(['BUY', 'SELL']) }),
  fc.record({ field: fc.constant('orderType'), raw: fc.oneof(badText(['MARKET', 'LIMIT', 'STOP_MARKET', 'STOP_LIMIT', 'TRAILING_STOP_MARKET']), fc.constant('"MARKET"')) }),
  fc.record({ field: fc.constant('timeInForce'), raw: badText(['DAY', 'GTC', 'IOC', 'FOK']) }),
  fc.record({ field: fc.constant('sizing'), raw: badText(['FIXED', 'RISK', 'KELLY']) }),
  fc.record({ field: fc.constant('signal'), raw: badSignal }),
  fc.record({
    field: unicode.filter((k) => !Object.hasOwn(VALID_ORDER, k) && k !== 'sizing' && k !== 'stopPrice' && k !== '__proto__'),
    raw: fc.oneof(wrongTypes, badNumbers, fc.constant('1')),
  }),
).map(({ field, raw }) => {
  const rest: Record<string, unknown> = { ...VALID_ORDER };
  delete rest[field];
  return `${JSON.stringify(rest).slice(0, -1)},${JSON.stringify(field)}:${raw}}`;
});

/** Bodies that are not an order object at all: other JSON values, broken JSON, invalid UTF-8. */
const notAnOrder = fc.oneof(
  wrongTypes.map((text) => Buffer.from(text)),
  fc.constantFrom('', '{', '{"instrumentId":"GOOG",}', 'NaN', '{"quantity":NaN}', '{"quantity":Infinity}').map((text) => Buffer.from(text)),
  fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(bytes)])),
);

// A fresh host and ledger per test: each counts the breaches and orders its own requests caused.
let api: ApiHostFixture;
beforeEach(async () => {
  api = await startApiHost();
});
afterEach(async () => {
  await api.close();
});

describe('fuzzing the automation API', () => {
  it('answers every signed invalid order with 400 and its field issues, writing nothing and raising no alert', async () => {
    const before = snapshotExceptAlerts(rawDatabase(api.ledger));
    await fc.assert(
      fc.asyncProperty(invalidOrderBody, fc.constantFrom(API_ROUTES.orders, API_ROUTES.signals), async (body, route) => {
        const res = await postSigned(api.host.port, route, body, api.key);
        expect(res.status, `${route} ${body.slice(0, 200)}`).toBe(400);
        const error = (res.json as { error: { code: string; message: string; issues: unknown[] } }).error;
        expect(error.code).toBe('BAD_REQUEST');
        expect(error.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 250 },
    );
    await fc.assert(
      fc.asyncProperty(notAnOrder, async (body) => {
        const res = await postSigned(api.host.port, API_ROUTES.orders, body, api.key);
        expect(res.status).toBe(400);
        expect((res.json as { error: { code: string } }).error.code).toBe('BAD_REQUEST');
      }),
      { numRuns: 60 },
    );
    expect(snapshotExceptAlerts(rawDatabase(api.ledger))).toBe(before);
    expect(breaches(api.ledger)).toEqual([]);
    expect(api.logs.filter((l) => /failed/.test(l))).toEqual([]);
  });

  it('answers every unsigned or badly signed request with 403 and exactly one breach event, whatever its body and headers', async () => {
    const before = snapshotExceptAlerts(rawDatabase(api.ledger));
    const headerValue = fc.oneof(unicode.map((s) => s.replace(/[^\x20-\x7e]/g, '?')), fc.constantFrom('', 'fk_', '1e309', '-0', 'NaN', '9'.repeat(40)));
    const stranger = testKey();
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(invalidOrderBody, fc.constant(JSON.stringify(VALID_ORDER))),
        fc.record(
          { 'X-Floor-Key-Id': fc.oneof(headerValue, fc.constant(stranger.keyId)), 'X-Floor-Timestamp': headerValue, 'X-Floor-Nonce': headerValue, 'X-Floor-Signature': headerValue },
          { requiredKeys: [] },
        ),
        async (body, headers) => {
          sent += 1;
          const res = await post(api.host.port, API_ROUTES.orders, { body, headers: { 'Content-Type': 'application/json', ...headers } });
          expect(res.status).toBe(403);
          expect((res.json as { error: { reason: string } }).error.reason).toMatch(/^(UNSIGNED|UNKNOWN_KEY|MALFORMED)$/);
        },
      ),
      { numRuns: 150 },
    );
    expect(snapshotExceptAlerts(rawDatabase(api.ledger))).toBe(before);
    expect(breaches(api.ledger)).toHaveLength(sent);
    expect(api.fixture.engine.orders.list()).toEqual([]);
  });
});

describe('fuzzing the RPC order methods', () => {
  it('answers invalid orders.submit / orders.cancel / approvals.* params with a clear error frame, never INTERNAL, writing nothing', async () => {
    const handlers = testHandlers({
      'orders.submit': (ticket) => ({ order: api.fixture.engine.submit(ticket, 'TICKET') }),
    });
    const before = snapshotExceptAlerts(rawDatabase(api.ledger));
    const log: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          invalidOrderBody.map((params) => `{"id":1,"method":"orders.submit","params":${params}}`),
          fc.oneof(wrongTypes, badNumbers).map((params) => `{"id":1,"method":"orders.submit","params":${params}}`),
          fc.constantFrom('orders.cancel', 'approvals.approve', 'approvals.reject').chain((method) =>
            fc.oneof(wrongTypes, badNumbers, fc.constant('{"clientOrderId":""}'), fc.constant('{"clientOrderId":1e309}')).map((params) => `{"id":1,"method":"${method}","params":${params}}`),
          ),
          fc.oneof(wrongTypes, badNumbers).map((id) => `{"id":${id},"method":"orders.submit","params":{}}`),
        ),
        async (frame) => {
          const response = (await dispatchRpc(frame, handlers, (line) => log.push(line))) as Extract<HostFrame, { kind: 'response' }>;
          expect(response.ok, frame.slice(0, 200)).toBe(false);
          if (response.ok) return;
          expect(response.error.code).toBe('BAD_REQUEST');
          expect(response.error.message.length).toBeGreaterThan(10);
        },
      ),
      { numRuns: 300 },
    );
    expect(log).toEqual([]);
    expect(snapshotExceptAlerts(rawDatabase(api.ledger))).toBe(before);
  });
});
