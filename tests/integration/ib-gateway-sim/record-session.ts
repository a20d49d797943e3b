import { WireRecorder } from '../../../src/main/cli/ib-wire-recorder';
import { limitTicket } from '../../unit/execution/helpers/engine-fixture';
import { ask, bid, closeRigs, phase, rig, statusOf, until } from '../ib-venue/venue-rig';

/**
 * Records a Floor session with the gateway simulator (GOOG excerpt, server version `serverVersion`)
 * through the recorder of `floor ib record` into `out`: Floor connects and reconciles, buys 100 GOOG
 * with a marketable limit (filled), the gateway restarts (Floor reconnects and reconciles, completed
 * orders included), then Floor rests a bid and cancels it. What a contributor's paper session
 * looks like, in small. Closes everything it opened; returns the accounts Floor saw through the
 * recorder (unmasked: the recorder masks only the transcript).
 */
export async function recordSimSession(out: string, serverVersion = 193): Promise<{ readonly accountsSeen: readonly string[] }> {
  let recorder: WireRecorder | undefined;
  let accountsSeen: readonly string[] = [];
  try {
    const r = await rig({
      stand: { serverVersion },
      via: async (stand) => {
        recorder = await WireRecorder.start({
          gateway: { host: '127.0.0.1', port: stand.sim.port },
          listenPort: 0,
          out,
          floorVersion: 'test',
          note: `gateway simulator ${serverVersion}, GOOG 2012-06-21 excerpt: reconcile, marketable buy 100 (filled), gateway restart, resting bid canceled`,
        });
        return recorder.port;
      },
    });
    accountsSeen = r.venue.connectionStatus().accounts;
    const taker = r.engine.submit(limitTicket('BUY', 100, ask(r)), 'TICKET');
    await until(() => statusOf(r, taker.clientOrderId) === 'FILLED', 'the buy to fill');
    await until(() => r.venue.accountSummary.snapshot()?.positions.length === 1, 'IB to report the position');
    await r.stand.sim.control.restart({ nextValidId: 1 });
    await phase(r.venue.connection, 'RECONNECTING');
    await phase(r.venue.connection, 'CONNECTED');
    await until(() => r.venue.accountSummary.snapshot()?.positions.length === 1, 'IB to report the position again');
    const resting = r.engine.submit(limitTicket('BUY', 100, bid(r) - 500_000), 'TICKET');
    await until(() => statusOf(r, resting.clientOrderId) === 'ACCEPTED', 'the bid to be accepted');
    r.engine.cancel(resting.clientOrderId);
    await until(() => statusOf(r, resting.clientOrderId) === 'CANCELED', 'the cancel');
    // The session ends with Floor closing its connection, as a contributor's does.
    r.venue.connection.stop();
    await until(() => recorder!.openConnections === 0, 'Floor to close its connection through the recorder');
  } finally {
    await closeRigs();
    await recorder?.close();
  }
  return { accountsSeen };
}
