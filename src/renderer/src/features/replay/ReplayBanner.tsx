import { useEffect, useState } from 'react';
import type { ReplayFailure, RpcResult } from '../../../../shared';
import { sessionClockText } from '../../format';
import { describeError } from '../../rpc';
import { useServices, useTerminal } from '../../state';
import { failurePlace, fileName, seekBackTarget } from './replay-text';

type ReplayDay = RpcResult<'replay.files'>['files'][number];

/**
 * The banner under the header while the replay is FAILED (status push `replay.state`): where it
 * stopped (file:line, the full path in the tooltip), what was wrong, that book and clock stand at
 * the last good event, and what the trader can do: seek back a minute (`replay.control` seek; the
 * header's seek controls work too) or open another LOBSTER day of the stock from the same folder
 * (`replay.files`, `replay.open`). It goes away by itself once a seek or another file clears the
 * failure.
 */
export function ReplayBanner() {
  const { client, store } = useServices();
  // Primitive slices: every status push decodes a new failure object, but these stay equal.
  const file = useTerminal((state) => state.status?.replay.failure?.file ?? null);
  const line = useTerminal((state) => state.status?.replay.failure?.line ?? null);
  const reason = useTerminal((state) => (state.status?.replay.state === 'FAILED' ? (state.status.replay.failure?.reason ?? '') : null));
  const marketTime = useTerminal((state) => state.status?.replay.failure?.marketTime ?? 0);
  const failure: ReplayFailure | null = reason === null ? null : { file, line, reason, marketTime };
  const failureKey = reason === null ? null : `${file}:${line}:${marketTime}:${reason}`;
  const sessionStart = useTerminal((state) => state.status?.replay.sessionStart ?? 0);
  const instrument = useTerminal((state) => state.status?.replay.instrumentId ?? '');
  const [days, setDays] = useState<readonly ReplayDay[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // The days to switch to, asked for each time a failure shows.
  useEffect(() => {
    if (failureKey === null) return;
    let live = true;
    client
      .call('replay.files', {})
      .then(({ files }) => {
        if (!live) return;
        const others = files.filter((day) => !day.current);
        setDays(others);
        setChosen(others[0]?.file ?? '');
      })
      .catch((failed: unknown) => live && setError(`Could not list the other days: ${describeError(failed)}`));
    return () => {
      live = false;
    };
  }, [client, failureKey]);

  if (failure === null) return null;
  const run = (call: () => Promise<RpcResult<'replay.control'>>) => {
    setBusy(true);
    call()
      .then((replay) => {
        store.dispatch({ type: 'replay', replay });
        setError(null);
      })
      .catch((failed: unknown) => setError(describeError(failed)))
      .finally(() => setBusy(false));
  };
  const place = failurePlace(failure);
  const back = seekBackTarget(failure, sessionStart);

  return (
    <div className="replay-banner" role="alert" data-testid="replay-banner" data-file={failure.file ?? ''} data-line={failure.line ?? ''}>
      <span className="replay-banner__badge">REPLAY STOPPED</span>
      {place !== null && (
        <span className="replay-banner__place" title={`${failure.file}:${failure.line}`} data-testid="replay-banner-place">
          {place}
        </span>
      )}
      <span className="replay-banner__reason" title={failure.reason} data-testid="replay-banner-reason">
        {failure.reason}
      </span>
      <span className="replay-banner__where">Book and clock at the last good event, {sessionClockText(failure.marketTime)} ET</span>
      <span className="replay-banner__actions">
        <button type="button" className="btn btn--small" disabled={busy} onClick={() => run(() => client.call('replay.control', { action: 'seek', marketTime: back }))} data-testid="replay-banner-seek-back">
          Seek back to {sessionClockText(back).slice(0, 8)}
        </button>
        {days !== null && days.length > 0 && (
          <>
            <select className="replay-banner__days" value={chosen} disabled={busy} onChange={(event) => setChosen(event.target.value)} aria-label="Another day" data-testid="replay-banner-days">
              {days.map((day) => (
                <option key={day.file} value={day.file} title={day.file}>
                  {day.sessionDate} · {fileName(day.file)}
                </option>
              ))}
            </select>
            <button type="button" className="btn btn--small" disabled={busy || chosen === ''} onClick={() => run(() => client.call('replay.open', { file: chosen }))} data-testid="replay-banner-open">
              Open
            </button>
          </>
        )}
        {days !== null && days.length === 0 && (
          <span className="replay-banner__hint">No other {instrument} day beside this file; restart with --replay FILE to replay another.</span>
        )}
      </span>
      {error && (
        <span className="replay-banner__error" data-testid="replay-banner-error">
          {error}
        </span>
      )}
    </div>
  );
}
