import type Database from 'better-sqlite3';
import { createApiRoutes, createHost, type Host } from '../../../../src/main/host';
import { Ledger } from '../../../../src/main/ledger';
import { RequestVerifier, alertSecurityEvents, type ApiKeyLookup } from '../../../../src/main/security/api-auth';
import { engineOn, type EngineFixture } from '../../execution/helpers/engine-fixture';
import { makeRendererBuild, testHandlers } from '../../host/helpers';
import { memoryKeys, testKey, type TestKey } from './signed-client';

/** GOOG's mark in the API tests: $585.00 (micro-dollars). */
export const GOOG_MARK = 585_000_000;

/** A valid API order: BUY 10 GOOG LIMIT $585.00 DAY, with a stop so every risk check can pass. */
export const VALID_ORDER = {
  instrumentId: 'GOOG',
  side: 'BUY',
  quantity: 10,
  orderType: 'LIMIT',
  timeInForce: 'DAY',
  limitPrice: GOOG_MARK,
  signal: { stop: GOOG_MARK - 5_000_000 },
} as const;

/** A host serving the API over a real engine on an in-memory ledger under the default risk profile. */
export interface ApiHostFixture {
  readonly host: Host;
  readonly ledger: Ledger;
  readonly fixture: EngineFixture;
  readonly key: TestKey;
  readonly keys: ApiKeyLookup & { revoke(keyId: string): void };
  readonly logs: string[];
  close(): Promise<void>;
}

/**
 * Starts it. `clock` is the verifier's clock (Unix ms; default Date.now). Security events are raised
 * as alerts into the ledger's alerts table, unthrottled, as the terminal records them.
 */
export async function startApiHost(options: { clock?: () => number } = {}): Promise<ApiHostFixture> {
  const build = makeRendererBuild();
  const ledger = Ledger.open(':memory:');
  const fixture = engineOn(ledger, {}, undefined, { profile: null });
  fixture.marks.set('GOOG', GOOG_MARK);
  const key = testKey();
  const keys = memoryKeys(key);
  const logs: string[] = [];
  const api = createApiRoutes({
    verifier: new RequestVerifier({ keys, ...(options.clock === undefined ? {} : { now: options.clock }) }),
    security: alertSecurityEvents((alert) => ledger.alerts.append(alert), { now: () => Date.now() * 1_000 }, { maxPerWindow: Number.MAX_SAFE_INTEGER }),
    submit: (ticket) => fixture.engine.submit(ticket, 'API'),
    log: (line) => logs.push(line),
  });
  const host = await createHost({ staticDir: build.staticDir, rpc: testHandlers(), api, log: (line) => logs.push(line) });
  return {
    host,
    ledger,
    fixture,
    key,
    keys,
    logs,
    async close() {
      await host.close();
      fixture.engine.dispose();
      ledger.close();
      build.cleanup();
    },
  };
}

/** Every row of every table except alerts, as JSON: equal snapshots mean nothing but alerts was written. */
export function snapshotExceptAlerts(db: Database.Database): string {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('alerts', 'sqlite_sequence') ORDER BY name").all() as { name: string }[]).map(
    (t) => t.name,
  );
  return JSON.stringify(tables.map((name) => [name, db.prepare(`SELECT * FROM "${name}"`).all()]));
}

/** CRITICAL_SECURITY_BREACH alerts recorded so far, oldest first. */
export function breaches(ledger: Ledger) {
  return ledger.alerts.list().filter((a) => a.code === 'CRITICAL_SECURITY_BREACH').reverse();
}
