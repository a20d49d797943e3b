/**
 * `npm run gateway-sim -- --port 4002 --replay <LOBSTER message.csv>`: the IB gateway simulator as a
 * process. Replays the file (or the synthetic market without --replay) in scaled real time and serves
 * the TWS API on 127.0.0.1. Prints `Gateway simulator listening on 127.0.0.1:<port>` once bound;
 * reads fault-injection commands from stdin (see commands.ts), and with --control-port also as
 * `POST /<command>` (see control-http.ts). Ctrl-C stops it.
 */
import { createInterface } from 'node:readline';
import { Command, InvalidArgumentError } from 'commander';
import { openMarketFeed } from '../../src/main/marketdata';
import { runControlCommand } from './commands';
import { startControlServer } from './control-http';
import { MAX_SIM_SERVER_VERSION } from './handshake';
import { GatewaySim } from './server';

function wholeNumber(name: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}`);
    return n;
  };
}

const program = new Command('gateway-sim')
  .description('TWS API (IB Gateway) simulator over the paper exchange and a replayed LOBSTER book')
  .option('--port <port>', 'TCP port (0 = any free port; IB Gateway paper uses 4002, live 4001)', wholeNumber('port', 0, 65535), 4002)
  .option('--host <address>', 'bind address', '127.0.0.1')
  .option('--replay <file>', 'LOBSTER message file to replay (default: the synthetic market)')
  .option('--speed <x>', 'replay speed, multiple of real time (0.1..1000)', Number, 1)
  .option('--server-version <n>', 'highest server version to announce', wholeNumber('server version', 100, MAX_SIM_SERVER_VERSION), MAX_SIM_SERVER_VERSION)
  .option('--mode <mode>', 'paper (accounts DU...) or live (accounts U...)', 'paper')
  .option('--first-order-id <n>', 'first nextValidId', wholeNumber('first order id', 0, 2_000_000_000), 1)
  .option('--control-port <port>', 'also take the stdin commands as POST /<command> on this port (0 = any free port)', wholeNumber('control port', 0, 65535))
  .parse();

const opts = program.opts<{ port: number; host: string; replay?: string; speed: number; serverVersion: number; mode: string; firstOrderId: number; controlPort?: number }>();
if (opts.mode !== 'paper' && opts.mode !== 'live') program.error(`--mode must be paper or live, got ${opts.mode}`);

const feed = await openMarketFeed({ ...(opts.replay !== undefined ? { replay: opts.replay } : {}), speed: opts.speed });
const sim = await GatewaySim.start({
  feed,
  port: opts.port,
  host: opts.host,
  serverVersion: opts.serverVersion,
  mode: opts.mode as 'paper' | 'live',
  firstOrderId: opts.firstOrderId,
  log: (line) => console.log(`gateway-sim: ${line}`),
});
const controlServer = opts.controlPort === undefined ? undefined : await startControlServer(sim.control, opts.controlPort);
feed.start();
// The control line comes first so that a caller seeing the listening line can use both.
if (controlServer) console.log(`Control endpoint on http://127.0.0.1:${controlServer.port}/<command>`);
console.log(`Gateway simulator listening on ${opts.host}:${sim.port}`);
console.log(`  instrument ${sim.broker.contract.symbol} (conId ${sim.broker.contract.conId}), server version ${sim.serverVersion}, accounts ${sim.broker.accounts.join(',')}`);

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const answer = runControlCommand(sim.control, line);
  if (answer !== '') console.log(answer);
});

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  lines.close();
  controlServer?.close();
  await sim.close();
  feed.dispose();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
