import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATABASE_FILE } from '../../src/main/app';
import { GatewaySettingsStore } from '../../src/main/app/gateway-settings-store';
import { RiskProfileStore } from '../../src/main/execution';
import { Ledger } from '../../src/main/ledger';
import { DEFAULT_GATEWAY_SETTINGS, wallClock, type RiskProfile } from '../../src/shared';
import { startStand, type SimStand } from '../integration/ib-gateway-sim/fixture';
import { launchChromium, type TestBrowser } from './chromium';
import { removeDataDir, startServe, type ServeProcess } from './serve-process';

/** `floor serve` trading GOOG through the gateway simulator, and a Chromium to drive it. */
export interface ServedOnSimulator {
  readonly stand: SimStand;
  readonly serve: ServeProcess;
  readonly browser: TestBrowser;
  readonly dataDir: string;
  /**
   * Moves the simulator's hand-driven replay clock 1 s of market time every 200 ms until the
   * returned function is called (and awaited): a book that keeps moving for the ladder and the chart.
   */
  tick(): () => Promise<void>;
  close(): Promise<void>;
}

/** How the simulator and Floor's settings are set up. */
export interface ServeOnSimulatorOptions {
  /** The simulator's login: paper (DU1234567, the default) or live (U1234567). */
  readonly mode?: 'paper' | 'live';
  /** Which of Floor's port lists holds the simulator's port; default the one of `mode`. */
  readonly portIs?: 'paper' | 'live';
  /** A risk profile to store before Floor starts. */
  readonly profile?: RiskProfile;
}

/**
 * The end-to-end stand for trading through Interactive Brokers: the gateway simulator over the GOOG
 * 2012-06-21 LOBSTER excerpt (../shared/data), a data folder whose Settings > Gateway point at it
 * (venue IB, client id 17), `floor serve --symbol GOOG` on it, and Chromium.
 */
export async function serveOnSimulator(options: ServeOnSimulatorOptions = {}): Promise<ServedOnSimulator> {
  const mode = options.mode ?? 'paper';
  const stand = await startStand({ mode, firstOrderId: 100 });
  await stand.advance(5);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'floor-e2e-ib-'));
  const ledger = Ledger.open(path.join(dataDir, DATABASE_FILE));
  const settings = new GatewaySettingsStore(ledger.settings, wallClock);
  const port = stand.sim.port;
  settings.set({
    ...DEFAULT_GATEWAY_SETTINGS,
    venue: 'IB',
    primary: { host: '127.0.0.1', port, clientId: 17 },
    ports: (options.portIs ?? mode) === 'live' ? { paper: [4002], live: [port] } : { paper: [port], live: [4001] },
  });
  settings.dispose();
  if (options.profile !== undefined) new RiskProfileStore(ledger.settings, { now: () => Date.now() * 1_000 }).set(options.profile);
  ledger.close();
  const serve = await startServe({ dataDir, symbol: 'GOOG' });
  const browser = await launchChromium();
  return {
    stand,
    serve,
    browser,
    dataDir,
    tick: () => {
      let ticking = true;
      const ticker = (async () => {
        while (ticking) {
          await stand.advance(1);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      })();
      return async () => {
        ticking = false;
        await ticker;
      };
    },
    close: async () => {
      try {
        await browser.close();
        await serve.stop();
      } finally {
        await stand.close();
        removeDataDir(dataDir);
      }
    },
  };
}
