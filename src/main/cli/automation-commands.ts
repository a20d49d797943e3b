import { request } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Command, InvalidArgumentError, Option } from 'commander';
import { epochMillis, wallClock, messageOf, parseDollars, type Clock, type OrderTicket, type Order } from '../../shared';
import { API_ROUTES, readEndpointFile, TerminalNotRunningError, type TerminalEndpoint } from '../host';
import { KEY_ID_PATTERN, generateApiKey, signRequest } from '../security/api-auth';
import type { CredentialStore } from '../security';

/**
 * `floor order`, `floor signal` and `floor apikey create`: the signed automation API from a shell.
 *
 * Exit codes (scripts branch on them):
 * - 0: the terminal took the order (STAGED for approval, SUBMITTED, ACCEPTED, FILLED ...), or the key was created;
 * - 1: a local problem: bad arguments, no key in the keychain, keychain unavailable;
 * - 2: Floor is not running on the data folder (no endpoint file, or its process has exited), or unreachable;
 * - 3: the terminal refused the request (403 signature/key, 400 invalid order, 429, 5xx), with its reason;
 * - 4: the order was placed but DENIED by risk or REJECTED by the venue (the reason is printed).
 */
export const EXIT = { OK: 0, LOCAL: 1, NOT_RUNNING: 2, REFUSED: 3, DENIED: 4 } as const;

/** Keychain account of an API private key (PKCS#8 PEM). */
export const apiKeyAccount = (keyId: string): string => `api-key:${keyId}`;
/** Keychain account naming the key `floor order` uses without --key. */
export const DEFAULT_API_KEY_ACCOUNT = 'api-key:default';

/** An HTTP answer. */
export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

/** What the commands need from outside (injectable for tests). */
export interface AutomationDependencies {
  /** Where the CLI's API keys live for a data folder (chooseClientKeyStore: its key file, else the OS keychain). */
  readonly credentials: (dataDir: string) => CredentialStore;
  readonly readEndpoint: (dataDir: string) => TerminalEndpoint;
  /** POSTs `body` to 127.0.0.1:`port``path` with `headers`. */
  readonly post: (port: number, path: string, headers: Record<string, string>, body: Buffer) => Promise<HttpAnswer>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly exit: (code: number) => void;
  readonly defaultDataDir: () => string;
  /** The wall clock (request timestamps are its Unix ms). */
  readonly clock: Clock;
}

/** POST over node:http to 127.0.0.1 (the terminal binds loopback only), Host localhost:<port>. */
export function httpPost(port: number, path: string, headers: Record<string, string>, body: Buffer): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: 'POST', headers: { ...headers, Host: `localhost:${port}`, 'Content-Length': String(body.length) }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error('the terminal did not answer within 10 s')));
    req.on('error', reject);
    req.end(body);
  });
}

const dollars = (what: string) => (text: string): number => {
  try {
    const micros = parseDollars(text);
    if (micros <= 0) throw new Error('must be above $0');
    return micros;
  } catch (error) {
    throw new InvalidArgumentError(`${what} must be a dollar price like 190.25 (at most 6 decimals, above 0): ${messageOf(error)}`);
  }
};
const shares = (text: string): number => {
  if (!/^[1-9][0-9]{0,7}$/.test(text)) throw new InvalidArgumentError('quantity must be a whole number of shares, 1..99999999');
  return Number(text);
};
const side = (text: string): 'BUY' | 'SELL' => {
  const upper = text.toUpperCase();
  if (upper !== 'BUY' && upper !== 'SELL') throw new InvalidArgumentError('side must be buy or sell');
  return upper;
};
const ticker = (text: string): string => {
  const upper = text.toUpperCase();
  if (!/^[A-Z][A-Z0-9.]{0,11}$/.test(upper)) throw new InvalidArgumentError('symbol must be a ticker like AAPL');
  return upper;
};
const decimal = (what: string, min: number, max: number) => (text: string): number => {
  const value = /^[0-9]+(\.[0-9]+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!(value > min && value < max)) throw new InvalidArgumentError(`${what} must be a decimal number above ${min} and below ${max}`);
  return value;
};
const keyIdArg = (text: string): string => {
  if (!KEY_ID_PATTERN.test(text)) throw new InvalidArgumentError('key id must be fk_ followed by 22 characters, as `floor apikey create` printed it');
  return text;
};

interface SendFlags {
  dataDir?: string;
  key?: string;
}

/**
 * Adds `order`, `signal` and `apikey` to `program`.
 */
export function registerAutomationCommands(program: Command, deps: AutomationDependencies): void {
  const say = (line: string): void => deps.stdout(`${line}\n`);
  const complain = (line: string, code: number): void => {
    deps.stderr(`floor: ${line}\n`);
    deps.exit(code);
  };

  /** Signs `ticket` with the keychain key and posts it; prints the order or the refusal; sets the exit code. */
  const send = async (route: string, ticket: OrderTicket, flags: SendFlags): Promise<void> => {
    let privateKey: string;
    let keyId: string;
    let endpoint: TerminalEndpoint;
    try {
      const store = deps.credentials(flags.dataDir ?? deps.defaultDataDir());
      const chosen = flags.key ?? store.get(DEFAULT_API_KEY_ACCOUNT);
      if (chosen === null) return complain('no API key yet: run `floor apikey create`, register it in Floor, then try again (or pass --key)', EXIT.LOCAL);
      keyId = chosen;
      const secret = store.get(apiKeyAccount(keyId));
      if (secret === null) return complain(`no private key for ${keyId} in this computer's key store; run \`floor apikey create\` on this computer`, EXIT.LOCAL);
      privateKey = secret;
    } catch (error) {
      return complain(`cannot read the API key: ${messageOf(error)}`, EXIT.LOCAL);
    }
    try {
      endpoint = deps.readEndpoint(flags.dataDir ?? deps.defaultDataDir());
    } catch (error) {
      return complain(messageOf(error), error instanceof TerminalNotRunningError ? EXIT.NOT_RUNNING : EXIT.LOCAL);
    }
    const body = Buffer.from(JSON.stringify(ticket), 'utf8');
    const headers = { 'Content-Type': 'application/json', ...signRequest({ keyId, privateKey, method: 'POST', path: route, body, timestampMs: epochMillis(deps.clock) }) };
    let answer: HttpAnswer;
    try {
      answer = await deps.post(endpoint.port, route, headers, body);
    } catch (error) {
      return complain(`cannot reach Floor at ${endpoint.origin}: ${messageOf(error)}`, EXIT.NOT_RUNNING);
    }
    let json: { order?: Order; error?: { code?: string; reason?: string; message?: string } } = {};
    try {
      json = JSON.parse(answer.body) as typeof json;
    } catch {
      json = {};
    }
    if ((answer.status === 200 || answer.status === 202) && json.order !== undefined) {
      const o = json.order;
      const detail = o.reason === null ? '' : ` (${o.reason.code}: ${o.reason.message})`;
      say(`${o.clientOrderId} ${o.side} ${o.quantity} ${o.instrumentId} ${o.orderType}: ${o.status}${o.status === 'STAGED' ? ', awaiting your approval in Floor' : ''}${detail}`);
      if (o.status === 'DENIED' || o.status === 'REJECTED') deps.exit(EXIT.DENIED);
      return;
    }
    const reason = json.error?.reason === undefined ? json.error?.code ?? 'ERROR' : json.error.reason;
    complain(`Floor refused the request (HTTP ${answer.status} ${reason}): ${json.error?.message ?? answer.body.trim()}`, EXIT.REFUSED);
  };

  const sendOptions = (command: Command): Command =>
    command
      .option('--data-dir <dir>', 'data folder of the running terminal (default: the per-user Floor folder)')
      .option('--key <keyId>', 'API key to sign with (default: the last one `floor apikey create` made)', keyIdArg)
      .addOption(new Option('--tif <tif>', 'time in force').choices(['DAY', 'GTC', 'IOC', 'FOK']).default('DAY'));

  sendOptions(
    program
      .command('order')
      .description('Send a signed order to the running terminal (it takes the ticket\'s sizing, risk and approval path; API orders are staged for approval by default).')
      .argument('<side>', 'buy or sell', side)
      .argument('<symbol>', 'ticker, e.g. AAPL', ticker)
      .argument('<quantity>', 'shares', shares)
      .option('--limit <price>', 'limit price in dollars (omit for a market order)', dollars('--limit'))
      .option('--stop <price>', 'stop price in dollars (with --limit: a stop-limit order)', dollars('--stop')),
  ).action(async (orderSide: 'BUY' | 'SELL', symbol: string, quantity: number, flags: SendFlags & { limit?: number; stop?: number; tif: OrderTicket['timeInForce'] }) => {
    const orderType = flags.stop === undefined ? (flags.limit === undefined ? 'MARKET' : 'LIMIT') : flags.limit === undefined ? 'STOP_MARKET' : 'STOP_LIMIT';
    await send(
      API_ROUTES.orders,
      {
        instrumentId: symbol,
        side: orderSide,
        quantity,
        orderType,
        timeInForce: flags.tif,
        ...(flags.limit === undefined ? {} : { limitPrice: flags.limit }),
        ...(flags.stop === undefined ? {} : { stopPrice: flags.stop }),
      },
      flags,
    );
  });

  sendOptions(
    program
      .command('signal')
      .description('Send a signed trade signal: a limit order at --limit (default: --entry) sized by the risk profile from the stop (RISK) or the edge (KELLY).')
      .argument('<side>', 'buy or sell', side)
      .argument('<symbol>', 'ticker, e.g. AAPL', ticker)
      .requiredOption('--entry <price>', 'entry price in dollars', dollars('--entry'))
      .option('--stop <price>', 'protective stop in dollars (needed by RISK sizing)', dollars('--stop'))
      .option('--target <price>', 'target price in dollars', dollars('--target'))
      .option('--limit <price>', 'limit price in dollars (default: the entry)', dollars('--limit'))
      .option('--win-prob <p>', 'probability of a win, 0 < p < 1 (KELLY)', decimal('--win-prob', 0, 1))
      .option('--payoff <b>', 'average win / average loss, > 0 (KELLY)', decimal('--payoff', 0, 1_000))
      .option('--score <s>', 'ranking in the approval queue (higher first)', decimal('--score', -1e9, 1e9))
      .addOption(new Option('--sizing <method>', 'how the quantity is found').choices(['RISK', 'KELLY']).default('RISK')),
  ).action(
    async (
      signalSide: 'BUY' | 'SELL',
      symbol: string,
      flags: SendFlags & { entry: number; stop?: number; target?: number; limit?: number; winProb?: number; payoff?: number; score?: number; sizing: 'RISK' | 'KELLY'; tif: OrderTicket['timeInForce'] },
    ) => {
      await send(
        API_ROUTES.signals,
        {
          instrumentId: symbol,
          side: signalSide,
          orderType: 'LIMIT',
          timeInForce: flags.tif,
          limitPrice: flags.limit ?? flags.entry,
          sizing: flags.sizing,
          signal: {
            signalId: `cli-${randomUUID()}`,
            entry: flags.entry,
            ...(flags.stop === undefined ? {} : { stop: flags.stop }),
            ...(flags.target === undefined ? {} : { target: flags.target }),
            ...(flags.winProb === undefined ? {} : { winProbability: flags.winProb }),
            ...(flags.payoff === undefined ? {} : { payoffRatio: flags.payoff }),
            ...(flags.score === undefined ? {} : { score: flags.score }),
          },
        },
        flags,
      );
    },
  );

  const apikey = program.command('apikey').description('API keys for `floor order` and `floor signal`.');
  apikey
    .command('create')
    .description('Create an Ed25519 key pair: the private key goes to the OS keychain, the public key is printed for registration in Floor.')
    .option('--label <label>', 'your name for this client', 'floor CLI')
    .option('--data-dir <dir>', "data folder of the terminal the key is for (its key file holds the key on a machine without an OS keychain)")
    .action((flags: { label: string; dataDir?: string }) => {
      const key = generateApiKey();
      try {
        const store = deps.credentials(flags.dataDir ?? deps.defaultDataDir());
        store.set(apiKeyAccount(key.keyId), key.privateKeyPem);
        store.set(DEFAULT_API_KEY_ACCOUNT, key.keyId);
      } catch (error) {
        return complain(`cannot store the private key (nothing was created): ${messageOf(error)}`, EXIT.LOCAL);
      }
      say(`key id:     ${key.keyId}`);
      say(`label:      ${flags.label}`);
      say(`public key: ${key.publicKey}`);
      say('');
      say('The private key is in this computer\'s key store (the OS keychain, or the data folder\'s key file without one); Floor never sees it. Floor accepts orders signed with it once you register the public key:');
      say('  1. In Floor, unlock the interlock with your authenticator (registering a key needs it).');
      say(`  2. Open Settings > API keys, paste the public key above, label it "${flags.label}", and press Register.`);
      say(`  3. Check that Floor lists key id ${key.keyId}; \`floor order\` and \`floor signal\` then sign with it.`);
    });
}

/** The production dependencies: the key store of the data folder, its endpoint file, node:http. */
export function defaultAutomationDependencies(
  base: Pick<AutomationDependencies, 'stdout' | 'stderr' | 'exit' | 'defaultDataDir'>,
  credentials: (dataDir: string) => CredentialStore,
): AutomationDependencies {
  return { ...base, credentials, readEndpoint: (dir) => readEndpointFile(dir), post: httpPost, clock: wallClock };
}
