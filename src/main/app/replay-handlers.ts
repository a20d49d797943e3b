import { RpcError, type RpcHandlers } from '../host';
import { asRpcError } from './rpc-errors';
import { LobsterFileNameError, LobsterFormatError, LobsterReplayFeed, lobsterDaysBeside, type MarketFeed } from '../marketdata';

/** The replay methods (src/shared/rpc/contract.ts `replay.*`). */
export type ReplayHandlers = Pick<RpcHandlers, 'replay.control' | 'replay.files' | 'replay.open'>;

/**
 * The feeds' typed errors as RpcError (a live IB feed's LiveFeedControlError is BAD_REQUEST; a replay
 * stopped on bad data answers ReplayFailedError, CONFLICT, naming file:line), and LOBSTER file errors
 * (a day that cannot be opened) as BAD_REQUEST with their sentence.
 */
function replayRpcError(error: unknown): unknown {
  if (error instanceof LobsterFileNameError || error instanceof LobsterFormatError) return new RpcError('BAD_REQUEST', error.message);
  return asRpcError(error);
}

function lobsterReplay(feed: MarketFeed): LobsterReplayFeed {
  if (feed instanceof LobsterReplayFeed) return feed;
  throw new RpcError('BAD_REQUEST', `the market is not a LOBSTER replay (it is ${feed.status().source.kind}); start the terminal with --replay MESSAGE_FILE to replay files`);
}

/**
 * Handlers, on the market feed in force (`feedInForce`: saved gateway settings may replace it), of the replay clock controls (pause, resume, speed, seek) and of switching to another
 * LOBSTER day of the same stock in the same folder. Every answer is the replay's status after the
 * action; a seek or resume that runs into bad data answers CONFLICT with the file, line and reason
 * (the status push carries the same as `replay.failure`).
 */
export function createReplayHandlers(feedInForce: () => MarketFeed): ReplayHandlers {
  const days = (replay: LobsterReplayFeed) => lobsterDaysBeside(replay.messageFile, replay.instrument.instrumentId);
  return {
    'replay.control': async (request) => {
      const feed = feedInForce();
      try {
        switch (request.action) {
          case 'pause':
            feed.pause();
            break;
          case 'resume':
            feed.resume();
            break;
          case 'speed':
            feed.setSpeed(request.speed);
            break;
          case 'seek': {
            const { sessionStart, sessionEnd } = feed.status();
            if (request.marketTime < sessionStart || request.marketTime > sessionEnd) {
              throw new RpcError('BAD_REQUEST', 'seek time must lie within the session', [
                { path: 'marketTime', message: `expected ${sessionStart}..${sessionEnd} ns after midnight` },
              ]);
            }
            await feed.seek(request.marketTime);
            break;
          }
        }
      } catch (error) {
        throw replayRpcError(error);
      }
      return feed.status();
    },
    'replay.files': () => {
      const replay = lobsterReplay(feedInForce());
      return { files: days(replay).map((day) => ({ file: day.file, sessionDate: day.info.sessionDate, levels: day.info.levels, current: day.file === replay.messageFile })) };
    },
    'replay.open': async ({ file }) => {
      const feed = feedInForce();
      const replay = lobsterReplay(feed);
      // Only a listed day: the renderer cannot make the host read any other path.
      if (!days(replay).some((day) => day.file === file)) {
        throw new RpcError('BAD_REQUEST', `${file} is not one of the ${replay.instrument.instrumentId} days beside ${replay.messageFile}; expected a file from replay.files`);
      }
      try {
        await replay.load(file);
      } catch (error) {
        throw replayRpcError(error);
      }
      return feed.status();
    },
  };
}
