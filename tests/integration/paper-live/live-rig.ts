import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DATABASE_FILE, startTerminal, type RunningTerminal } from '../../../src/main/app';
import { GatewaySettingsStore } from '../../../src/main/app/gateway-settings-store';
import { Ledger } from '../../../src/main/ledger';
import type { CredentialStore } from '../../../src/main/security';
import { DEFAULT_GATEWAY_SETTINGS, wallClock, type AuthenticationResponse, type GatewaySettings, type TerminalStatus } from '../../../src/shared';
import { startStand, type SimStand } from '../ib-gateway-sim/fixture';
import { registerAndUnlockOverRpc } from '../../support/interlock-rpc';
import type { SoftAuthenticator } from '../../support/soft-authenticator';
import { connectRpc, type TerminalRpc } from '../../support/terminal-rpc';
import { makeRendererBuild } from '../../unit/host/helpers';

/**
 * A terminal trading through Interactive Brokers on the gateway simulator (tests/ib-gateway-sim over
 * the GOOG 2012-06-21 LOBSTER excerpt in ../shared/data), for the paper / live switch: the simulator
 * logged in paper (DU1234567) or live (U1234567), its port in Floor's paper or live port list, the
 * interlock registered with a software authenticator and unlocked over RPC.
 */
export interface LiveRig {
  readonly stand: SimStand | undefined;
  readonly terminal: RunningTerminal;
  readonly rpc: TerminalRpc;
  readonly authenticator: SoftAuthenticator;
  readonly dataDir: string;
  /** A fresh user-verifying assertion over a challenge the host just issued. */
  assertion(): Promise<AuthenticationResponse>;
  status(): Promise<TerminalStatus>;
  /** Polls the status until `accept` holds (5 s). */
  until(accept: (status: TerminalStatus) => boolean, what: string): Promise<TerminalStatus>;
  /** The payloads of the chain's `mode.switch` entries that switched the trading mode, oldest first (a second, read-only connection). */
  modeSwitches(): Record<string, unknown>[];
  /** Shuts the simulator down for good (a gateway that went away). */
  stopGateway(): Promise<void>;
  /** Stops the terminal (keeping the data folder) and starts it again on it. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** How the rig is set up. */
export interface LiveRigOptions {
  /** The simulator's login: 'live' (U1234567) or 'paper' (DU1234567); null = no gateway listening at the port. */
  readonly gateway: 'live' | 'paper' | null;
  /** Which of Floor's port lists holds the simulator's port. */
  readonly portIs: 'live' | 'paper';
  /** The keychain the terminal tries (an unavailable one puts the key in a file). */
  readonly keychain?: CredentialStore;
  readonly settings?: Partial<GatewaySettings>;
}

/** A TCP port nothing listens on (bound, then released). */
export async function unusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts the simulator (unless none), writes the gateway settings, starts the terminal with --symbol GOOG and unlocks it. */
export async function startLiveRig(options: LiveRigOptions): Promise<LiveRig> {
  const stand = options.gateway === null ? undefined : await startStand({ mode: options.gateway, firstOrderId: 100 });
  await stand?.advance(5);
  const port = stand?.sim.port ?? (await unusedPort());
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'floor-paper-live-'));
  const build = makeRendererBuild();
  const ledger = Ledger.open(path.join(dataDir, DATABASE_FILE));
  const store = new GatewaySettingsStore(ledger.settings, wallClock);
  store.set({
    ...DEFAULT_GATEWAY_SETTINGS,
    venue: 'IB',
    primary: { host: '127.0.0.1', port, clientId: 17 },
    ports: options.portIs === 'live' ? { paper: [4002], live: [port] } : { paper: [port], live: [4001] },
    ...options.settings,
  });
  store.dispose();
  ledger.close();
  const start = () => startTerminal({ dataDir, rendererDir: build.staticDir, symbol: 'GOOG', ...(options.keychain === undefined ? {} : { keychain: options.keychain }) });
  let terminal = await start();
  let rpc = await connectRpc(terminal.host);
  const authenticator = await registerAndUnlockOverRpc(rpc.call, terminal.host.origin);
  let standOpen = stand !== undefined;
  const status = async () => ((await rpc.call('session.describe', {})) as { status: TerminalStatus }).status;
  const rig: LiveRig = {
    stand,
    get terminal() {
      return terminal;
    },
    get rpc() {
      return rpc;
    },
    authenticator,
    dataDir,
    assertion: async () => {
      const options = (await rpc.call('interlock.authentication.options', {})) as { challenge: string };
      return authenticator.assert(options.challenge);
    },
    status,
    until: async (accept, what) => {
      const deadline = Date.now() + 5_000;
      for (;;) {
        const current = await status();
        if (accept(current)) return current;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; status ${JSON.stringify({ mode: current.mode, gateway: current.gateway })}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    modeSwitches: () => {
      const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
      try {
        return (db.prepare("SELECT payload FROM ledger_chain WHERE type = 'mode.switch' ORDER BY seq").pluck().all() as string[])
          .map((text) => JSON.parse(text) as Record<string, unknown>)
          .filter((payload) => 'tradingMode' in payload);
      } finally {
        db.close();
      }
    },
    stopGateway: async () => {
      if (!standOpen) return;
      standOpen = false;
      await stand?.close();
    },
    restart: async () => {
      rpc.close();
      await terminal.close();
      terminal = await start();
      rpc = await connectRpc(terminal.host);
    },
    close: async () => {
      rpc.close();
      await terminal.close();
      await rig.stopGateway();
      build.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return rig;
}
