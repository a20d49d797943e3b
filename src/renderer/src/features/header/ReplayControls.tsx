import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { RpcRequest } from '../../../../shared';
import { formatSessionNanos, formatSessionNanosHm, parseClockToSessionNanos } from '../../format';
import { describeError } from '../../rpc';
import { useServices, useTerminal } from '../../state';
import { formatSpeed, nanosToSliderSeconds, sliderSecondsToNanos, speedOptions } from './replay-speeds';

/**
 * Replay clock controls through `replay.control`: pause/resume, speed, and seek by slider (over the
 * session's start..end) or by typing a time (HH:MM or HH:MM:SS, US Eastern, the session's clock).
 */
export function ReplayControls() {
  const { client, store } = useServices();
  const replay = useTerminal((state) => state.status?.replay ?? null);
  const connected = useTerminal((state) => state.connection === 'connected');
  const [error, setError] = useState<string | null>(null);
  const [draftSeconds, setDraftSeconds] = useState<number | null>(null);
  const [seekText, setSeekText] = useState('');
  const sliderRef = useRef<HTMLInputElement>(null);
  const hasReplay = replay !== null;

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
    if (!replay) return;
    let target: number;
    try {
      target = parseClockToSessionNanos(seekText);
    } catch (failure) {
      setError(describeError(failure));
      return;
    }
    if (target < replay.sessionStart || target > replay.sessionEnd) {
      setError(`Seek time must be within the session, ${formatSessionNanosHm(replay.sessionStart)}–${formatSessionNanosHm(replay.sessionEnd)} ET.`);
      return;
    }
    control({ action: 'seek', marketTime: target });
  };

  if (!replay) return null;
  const disabled = !connected;
  const sliderValue = draftSeconds ?? nanosToSliderSeconds(replay.marketTime);

  return (
    <div className="replay" aria-label="Replay controls">
      <button
        type="button"
        className="btn btn--small replay__pause"
        disabled={disabled || replay.finished}
        onClick={() => control({ action: replay.paused ? 'resume' : 'pause' })}
        data-testid="replay-pause"
        data-paused={replay.paused}
        title={replay.paused ? 'Resume the replay' : 'Pause the replay'}
      >
        {replay.paused ? '▶ Resume' : '❚❚ Pause'}
      </button>
      <select
        className="replay__speed"
        value={replay.speed}
        disabled={disabled}
        onChange={(event) => control({ action: 'speed', speed: Number(event.target.value) })}
        data-testid="replay-speed"
        aria-label="Replay speed"
      >
        {speedOptions(replay.speed).map((speed) => (
          <option key={speed} value={speed}>
            {formatSpeed(speed)}
          </option>
        ))}
      </select>
      <input
        ref={sliderRef}
        type="range"
        className="replay__slider"
        min={nanosToSliderSeconds(replay.sessionStart)}
        max={nanosToSliderSeconds(replay.sessionEnd)}
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
      {replay.finished && <span className="replay__finished">Replay finished</span>}
      {error && (
        <span className="replay__error" role="alert" data-testid="replay-error">
          {error}
        </span>
      )}
    </div>
  );
}
