/**
 * `node --import tsx tests/ib-gateway-sim/transcripts/record-sim-transcript.ts [serverVersion]`:
 * (re)writes sim-<serverVersion>-goog.jsonl here, a transcript recorded through `floor ib record`'s
 * recorder of Floor trading with the gateway simulator (record-session.ts says what it does). The
 * conformance test replays every transcript in this folder; real-gateway ones come from
 * contributors (README, "Contributing a transcript").
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordSimSession } from '../../integration/ib-gateway-sim/record-session';

const serverVersion = Number(process.argv[2] ?? 193);
if (!Number.isInteger(serverVersion) || serverVersion < 177 || serverVersion > 193) {
  console.error(`server version must be a whole number from 177 (Floor's minimum) to 193, got ${process.argv[2]}`);
  process.exit(1);
}
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), `sim-${serverVersion}-goog.jsonl`);
await recordSimSession(out, serverVersion);
console.log(`wrote ${out}`);
process.exit(0);
