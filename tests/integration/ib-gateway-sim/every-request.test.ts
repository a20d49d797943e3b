import { afterEach, describe, expect, it } from 'vitest';
import { OUT_MSG_ID } from '@stoqey/ib/dist/core/io/encoder.js';
import { decodeWithTable } from '../../ib-gateway-sim/layouts/table-decoder';
import { SILENT_BY_DESIGN } from '../../ib-gateway-sim/requests/unserved';
import { encodeWithClient } from './client-encoder';
import { everyRequest } from './every-request';
import { startStand, type SimStand } from './fixture';
import { RawClient } from './raw-client';

/**
 * Every request @stoqey/ib 1.6.10's Encoder can write, sent to the simulator one at a time over a
 * bare socket, each followed by reqCurrentTime: whatever arrives before that answer is the
 * request's answer. Every request must be answered (data, an End, or an IB error naming its
 * request id), except the ones IB itself answers with nothing (cancels and settings: the
 * simulator's SILENT_BY_DESIGN list), which must draw no error. Every frame is read with the field
 * table (IB's own decoder's gating): no misread field.
 */
const NOT_ENCODER_METHODS = new Set([OUT_MSG_ID.START_API, OUT_MSG_ID.VERIFY_REQUEST, OUT_MSG_ID.VERIFY_MESSAGE, OUT_MSG_ID.VERIFY_AND_AUTH_REQUEST, OUT_MSG_ID.VERIFY_AND_AUTH_MESSAGE]);
const ID_FIELDS = ['reqId', 'id', 'tickerId', 'orderId'];

describe('the simulator answers every request a client can send', () => {
  let stand: SimStand | undefined;
  let client: RawClient | undefined;
  afterEach(async () => {
    client?.end();
    await stand?.close();
  });

  it('covers every outgoing message id of the Encoder but START_API and the partner-verification messages', () => {
    const ids = new Set(everyRequest().flatMap((r) => encodeWithClient(193, r.call).map((fields) => Number(fields[0]))));
    const all = Object.values(OUT_MSG_ID).filter((v): v is number => typeof v === 'number');
    expect(all.filter((id) => !ids.has(id) && !NOT_ENCODER_METHODS.has(id))).toEqual([]);
  });

  for (const sv of [193, 150, 100]) { // where the request layouts differ: request ids at 2 below 124/143, FA ids from 157
    it(`at server version ${sv}: an answer or an error for each, nothing for IB's silent ones, every frame read whole by the field table`, async () => {
      stand = await startStand({ serverVersion: sv, pacingLimitPerSecond: 1_000 }); // two messages per request, back to back
      client = await RawClient.connect(stand.sim.port);
      client.hello();
      await client.next(() => true);
      client.send([71, 2, 5, '']);
      let seen = (await client.next((f) => f[0] === '9')).index + 1;
      await client.next((f) => f[0] === '4' && f[3] === '2158', seen);
      seen = client.frames.length;
      const silentSent = new Set<number>();
      let sent = 0;
      for (const request of everyRequest()) {
        let messages: string[][];
        try {
          messages = encodeWithClient(sv, request.call);
        } catch {
          continue; // the client itself refuses this request at this server version (error 503), nothing goes out
        }
        for (const fields of messages) client.send(fields);
        client.send([49, 1]);
        // reqCurrentTime is the one request whose answer looks like the sentinel's: it is answered when two arrive.
        const first = await client.next((f) => f[0] === '49', seen);
        const { index } = request.method === 'reqCurrentTime' ? await client.next((f) => f[0] === '49', first.index + 1) : first;
        const answers = client.frames.slice(seen, index);
        seen = index + 1;
        sent += 1;
        const decoded = answers.map((f) => decodeWithTable(f, sv));
        const errors = decoded.filter((d) => d.layout.name === 'error');
        const id = Number(messages[0]![0]);
        if (answers.length === 0) {
          expect(SILENT_BY_DESIGN.has(id as never), `${request.method} (${id}) got no answer at ${sv}`).toBe(true);
          silentSent.add(id);
          continue;
        }
        if (SILENT_BY_DESIGN.has(id as never)) expect(errors, `${request.method} is silent by design but drew an error`).toEqual([]);
        if (request.reqId !== undefined && errors.length > 0) {
          expect(errors.some((e) => e.values.id === request.reqId || e.values.id === -1), `${request.method}: its error names request ${request.reqId}`).toBe(true);
        } else if (request.reqId !== undefined) {
          const ids = decoded.flatMap((d) => ID_FIELDS.map((k) => d.values[k]));
          expect(ids, `${request.method}: an answer names request ${request.reqId}`).toContain(request.reqId);
        }
      }
      expect(sent).toBeGreaterThan(sv >= 150 ? 65 : 40); // below 150 the client itself refuses the newer requests
    });
  }
});
