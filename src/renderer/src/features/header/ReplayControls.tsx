import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { RpcRequest } from '../../../../shared';
import { formatSessionNanos, formatSessionNanosHm, parseClockToSessionNanos } from '../../format';
import { describeError } from '../../rpc';
import { useServices, useTerminal } from '../../state';
import { formatSpeed, nanosToSliderSeconds, sliderSecondsToNanos, speedOptions } from './replay-speeds';

/**
 * Replay clock controls through `replay.control`: pause/resume (Resume disabled while the replay is
 * stopped on bad data), speed, and seek by slider (over the session's start..end) or by typing a time
 * (HH:MM or HH:MM:SS, US Eastern, the session's clock); the replayed market's halt when there is one.
 */
export function ReplayControls() {
  const { client, store } = useServices();
  // Primitive slices: the status push carries a new replay object ~28 times a second at 10x, but these
  // change only on a control action or, for the slider, once per market second.
  const hasReplay = useTerminal((state) => state.status !== null);
  const paused = useTerminal((state) => state.status?.replay.paused ?? false);
  const finished = useTerminal((state) => state.status?.replay.finished ?? false);
  const failed = useTerminal((state) => state.status?.replay.state === 'FAILED');
  const marketHalt = useTerminal((state) => state.status?.replay.marketHalt ?? null);
  const speed = useTerminal((state) => state.status?.replay.speed ?? 1);
  const sessionStart = useTerminal((state) => state.status?.replay.sessionStart ?? 0);
  const sessionEnd = useTerminal((state) => state.status?.replay.sessionEnd ?? 0);
  const marketSecond = useTerminal((state) => (state.status ? nanosToSliderSeconds(state.status.replay.marketTime) : 0));
  const connected = useTerminal((state) => state.connection === 'connected');
  const [error, setError] = useState<string | null>(null);
  const [draftSeconds, setDraftSeconds] = useState<number | null>(null);
  const [seekText, setSeekText] = useState('');
  const sliderRef = useRef<HTMLInputElement>(null);

  const control = (request: RpcRequest<'replay.control'>) => {
    client
      .call('replay.control', request)
      .then((status) => {
        store.dispatch({ type: 'replay', replay: status });
        setError(null);
      })
      .catch((failure: unknown) => setError(describeError(failure)));
  };
  const controlRef = useRef(control);
  controlRef.current = control;

  // Seek on release ('change'), not on every 'input' while dragging: each seek rebuilds the book.
  useEffect(() => {
    const slider = sliderRef.current;
    if (!slider) return;
    const onCommit = () => {
      const range = store.getState().status?.replay;
      if (range) {
        controlRef.current({ action: 'seek', marketTime: sliderSecondsToNanos(Number(slider.value), range.sessionStart, range.sessionEnd) });
      }
      setDraftSeconds(null);
    };
    slider.addEventListener('change', onCommit);
    return () => slider.removeEventListener('change', onCommit);
  }, [store, hasReplay]);

  const onSeekSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!hasReplay) return;
    let target: number;
    try {
      target = parseClockToSessionNanos(seekText);
    } catch (failure) {
      setError(describeError(failure));
      return;
    }
    if (target < sessionStart || target > sessionEnd) {
      setError(`Seek time must be within the session, ${formatSessionNanosHm(sessionStart)}–${formatSessionNanosHm(sessionEnd)} ET.`);
      return;
    }
    control({ action: 'seek', marketTime: target });
  };

  if (!hasReplay) return null;
  const disabled = !connected;
  const sliderValue = draftSeconds ?? marketSecond;

  return (
    <div className="replay" aria-label="Replay controls">
      <button
        type="button"
        className="btn btn--small replay__pause"
        disabled={disabled || finished || failed}
        onClick={() => control({ action: paused ? 'resume' : 'pause' })}
        data-testid="replay-pause"
        data-paused={paused}
        title={failed ? 'The replay stopped on bad data: seek back or open another day (see the banner)' : paused ? 'Resume the replay' : 'Pause the replay'}
      >
        {paused ? '▶ Resume' : '❚❚ Pause'}
      </button>
      <select
        className="replay__speed"
        value={speed}
        disabled={disabled}
        onChange={(event) => control({ action: 'speed', speed: Number(event.target.value) })}
        data-testid="replay-speed"
        aria-label="Replay speed"
      >
        {speedOptions(speed).map((speed) => (
          <option key={speed} value={speed}>
            {formatSpeed(speed)}
          </option>
        ))}
      </select>
      <input
        ref={sliderRef}
        type="range"
        className="replay__slider"
        min={nanosToSliderSeconds(sessionStart)}
        max={nanosToSliderSeconds(sessionEnd)}
        step={1}
        value={sliderValue}
        disabled={disabled}
        onChange={(event) => setDraftSeconds(Number(event.target.value))}
        data-testid="replay-seek"
        aria-label="Seek replay"
        title={draftSeconds === null ? 'Drag to seek' : `Seek to ${formatSessionNanos(draftSeconds * 1_000_000_000)} ET`}
      />
      <form className="replay__seek" onSubmit={onSeekSubmit}>
        <input
          className="replay__seek-input"
          placeholder="HH:MM"
          value={seekText}
          disabled={disabled}
          onChange={(event) => setSeekText(event.target.value)}
          data-testid="replay-seek-time"
          aria-label="Seek to time (ET)"
        />
        <button type="submit" className="btn btn--small" disabled={disabled || seekText.trim() === ''} data-testid="replay-seek-go">
          Go
        </button>
      </form>
      {finished && <span className="replay__finished">Replay finished</span>}
      {marketHalt && (
        <span className="replay__halt" data-testid="replay-market-halt" title="The replayed market is halted (LOBSTER type-7 rows): the paper venue takes no orders until trading resumes">
          {marketHalt === 'HALTED' ? 'Market halted' : 'Halt: quoting only'}
        </span>
      )}
      {error && (
        <span className="replay__error" role="alert" data-testid="replay-error">
          {error}
        </span>
      )}
    </div>
  );
}
