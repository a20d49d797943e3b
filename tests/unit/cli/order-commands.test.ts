import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES, TerminalNotRunningError } from '../../../src/main/host';
import { DEFAULT_API_KEY_ACCOUNT, EXIT, apiKeyAccount, httpPost } from '../../../src/main/cli/automation-commands';
import { createProgram, type CliDependencies } from '../../../src/main/cli/program';
import { apiKeyId, generateApiKey } from '../../../src/main/security/api-auth';
import type { CredentialStore } from '../../../src/main/security/credential-store';
import { GOOG_MARK, startApiHost, type ApiHostFixture } from '../security/api-auth/api-host-fixture';

/** An in-memory keychain. */
function memoryStore(entries: Record<string, string> = {}): CredentialStore & { entries: Map<string, string> } {
  const map = new Map(Object.entries(entries));
  return { entries: map, get: (a) => map.get(a) ?? null, set: (a, s) => void map.set(a, s), delete: (a) => map.delete(a) };
}

interface Run {
  stdout: string;
  stderr: string;
  exitCodes: number[];
  posted: { path: string; body: unknown }[];
  error?: string;
}

let api: ApiHostFixture;
beforeAll(async () => {
  api = await startApiHost();
});
afterAll(async () => {
  await api.close();
});

/** The fixture's key, as `floor apikey create` would have stored it. */
const keychainWithFixtureKey = () =>
  memoryStore({ [DEFAULT_API_KEY_ACCOUNT]: api.key.keyId, [apiKeyAccount(api.key.keyId)]: api.key.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() });

async function floor(argv: string[], options: { store?: CredentialStore; running?: boolean } = {}): Promise<Run> {
  const run: Run = { stdout: '', stderr: '', exitCodes: [], posted: [] };
  const deps: CliDependencies = {
    startTerminal: () => Promise.reject(new Error('not used')),
    rendererDir: '/nowhere',
    stdout: (t) => void (run.stdout += t),
    stderr: (t) => void (run.stderr += t),
    process: { onSignal: () => undefined, exit: (code) => void run.exitCodes.push(code), now: () => 0 },
    defaultDataDir: () => '/data/Floor',
    automation: {
      credentials: () => options.store ?? keychainWithFixtureKey(),
      readEndpoint: (dir) => {
        if (options.running === false) throw new TerminalNotRunningError('NOT_RUNNING', `Floor is not running on ${dir}`);
        return { port: api.host.port, pid: process.pid, origin: api.host.origin, startedAt: 0 };
      },
      post: async (port, path, headers, body) => {
        run.posted.push({ path, body: JSON.parse(body.toString('utf8')) });
        return httpPost(port, path, headers, body);
      },
    },
  };
  const program = createProgram(deps, '0.1.0');
  const all = (c: typeof program): (typeof program)[] => [c, ...c.commands.flatMap(all)];
  for (const command of all(program)) command.exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    run.error = (error as Error).message;
  }
  return run;
}

describe('floor order / floor signal', () => {
  it('signs a limit order with the keychain key, parses the price exactly, and prints the staged order', async () => {
    const run = await floor(['order', 'buy', 'goog', '10', '--limit', '585.00', '--tif', 'GTC']);
    expect(run.stderr).toBe('');
    expect(run.exitCodes).toEqual([]);
    expect(run.posted).toEqual([
      { path: API_ROUTES.orders, body: { instrumentId: 'GOOG', side: 'BUY', quantity: 10, orderType: 'LIMIT', timeInForce: 'GTC', limitPrice: GOOG_MARK } },
    ]);
    expect(run.stdout).toMatch(/BUY 10 GOOG LIMIT: STAGED, awaiting your approval in Floor/);
  });

  it('sends a signal sized by RISK with entry, stop and score in micro-dollars', async () => {
    const run = await floor(['signal', 'buy', 'GOOG', '--entry', '585.00', '--stop', '583.25', '--score', '7']);
    expect(run.exitCodes).toEqual([]);
    expect(run.posted[0]?.body).toMatchObject({
      sizing: 'RISK',
      limitPrice: 585_000_000,
      signal: { entry: 585_000_000, stop: 583_250_000, score: 7, signalId: expect.stringMatching(/^cli-/) },
    });
    expect(run.stdout).toMatch(/STAGED/);
  });

  it('exits 2 with a clear sentence when Floor is not running', async () => {
    const run = await floor(['order', 'buy', 'GOOG', '10', '--limit', '585'], { running: false });
    expect(run.exitCodes).toEqual([EXIT.NOT_RUNNING]);
    expect(run.stderr).toMatch(/Floor is not running on \/data\/Floor/);
  });

  it('exits 1 when the keychain holds no key yet, pointing at `floor apikey create`', async () => {
    const run = await floor(['order', 'buy', 'GOOG', '10'], { store: memoryStore() });
    expect(run.exitCodes).toEqual([EXIT.LOCAL]);
    expect(run.stderr).toMatch(/floor apikey create/);
    expect(run.posted).toEqual([]);
  });

  it('exits 3 with the reason when the terminal refuses the key', async () => {
    const unregistered = generateApiKey();
    const store = memoryStore({ [DEFAULT_API_KEY_ACCOUNT]: unregistered.keyId, [apiKeyAccount(unregistered.keyId)]: unregistered.privateKeyPem });
    const run = await floor(['order', 'sell', 'GOOG', '5', '--limit', '585'], { store });
    expect(run.exitCodes).toEqual([EXIT.REFUSED]);
    expect(run.stderr).toMatch(/HTTP 403 UNKNOWN_KEY/);
  });

  it('exits 4 when risk denies the order', async () => {
    const run = await floor(['order', 'buy', 'AAPL', '10', '--limit', '190.25']);
    expect(run.exitCodes).toEqual([EXIT.DENIED]);
    expect(run.stdout).toMatch(/AAPL LIMIT: DENIED \(/);
  });

  it('refuses a price that is not an exact decimal before signing anything', async () => {
    const run = await floor(['order', 'buy', 'GOOG', '10', '--limit', '1e3']);
    expect(run.error).toMatch(/--limit must be a dollar price like 190.25/);
    expect(run.posted).toEqual([]);
  });
});

describe('floor apikey create', () => {
  it('stores the private key in the keychain, makes it the default, and prints the public key and its id', async () => {
    const store = memoryStore();
    const run = await floor(['apikey', 'create', '--label', 'momentum'], { store });
    const keyId = /key id: +(fk_\S+)/.exec(run.stdout)?.[1];
    const publicKey = /public key: +(\S+)/.exec(run.stdout)?.[1];
    expect(keyId).toBe(apiKeyId(Buffer.from(publicKey ?? '', 'base64')));
    expect(store.get(DEFAULT_API_KEY_ACCOUNT)).toBe(keyId);
    expect(store.get(apiKeyAccount(keyId ?? ''))).toMatch(/BEGIN PRIVATE KEY/);
    expect(run.stdout).not.toMatch(/PRIVATE/);
  });

  it('tells the trader how to register the key: unlock, then paste it in Settings > API keys', async () => {
    const run = await floor(['apikey', 'create', '--label', 'momentum'], { store: memoryStore() });
    const keyId = /key id: +(fk_\S+)/.exec(run.stdout)?.[1] ?? '';
    expect(run.stdout).toMatch(/unlock the interlock with your authenticator/);
    expect(run.stdout).toMatch(/Open Settings > API keys, paste the public key above, label it "momentum", and press Register/);
    expect(run.stdout).toContain(`Check that Floor lists key id ${keyId}`);
    expect(run.exitCodes).toEqual([]);
  });

  it('exits 1 and creates nothing when the keychain is unavailable', async () => {
    const broken: CredentialStore = { get: () => null, set: () => { throw new Error('no Secret Service on the session bus'); }, delete: () => false };
    const run = await floor(['apikey', 'create'], { store: broken });
    expect(run.exitCodes).toEqual([EXIT.LOCAL]);
    expect(run.stderr).toMatch(/no Secret Service/);
    expect(run.stdout).toBe('');
  });
});
