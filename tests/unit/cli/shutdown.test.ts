import { describe, expect, it } from 'vitest';
import { DUPLICATE_SIGNAL_WINDOW_MS, installShutdown } from '../../../src/main/cli/shutdown';

function harness(close: () => Promise<void>) {
  const handlers = new Map<string, () => void>();
  const exits: number[] = [];
  const clock = { now: 0 };
  installShutdown(close, {
    onSignal: (signal, handler) => handlers.set(signal, handler),
    exit: (code) => exits.push(code),
    now: () => clock.now,
    log: () => {},
  });
  const send = (signal: 'SIGINT' | 'SIGTERM'): void => handlers.get(signal)?.();
  return { send, exits, clock };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('serve shutdown', () => {
  it('closes the terminal on SIGINT and exits 0 only after close finishes', async () => {
    let finishClose: () => void = () => {};
    let closes = 0;
    const { send, exits } = harness(() => {
      closes += 1;
      return new Promise((resolve) => (finishClose = resolve));
    });
    send('SIGINT');
    await settle();
    expect(closes).toBe(1);
    expect(exits).toEqual([]);
    finishClose();
    await settle();
    expect(exits).toEqual([0]);
  });

  it('closes on SIGTERM the same way', async () => {
    const { send, exits } = harness(async () => {});
    send('SIGTERM');
    await settle();
    expect(exits).toEqual([0]);
  });

  it('exits at once with 130 on a second signal while closing', async () => {
    const { send, exits, clock } = harness(() => new Promise(() => {}));
    send('SIGINT');
    clock.now = DUPLICATE_SIGNAL_WINDOW_MS + 1;
    send('SIGINT');
    expect(exits).toEqual([130]);
  });

  it('treats a copy of the same Ctrl-C arriving within the window as one signal', async () => {
    let closes = 0;
    const { send, exits, clock } = harness(async () => {
      closes += 1;
    });
    send('SIGINT');
    clock.now = 5;
    send('SIGINT');
    await settle();
    expect(closes).toBe(1);
    expect(exits).toEqual([0]);
  });

  it('exits 1 when closing fails', async () => {
    const { send, exits } = harness(async () => {
      throw new Error('database is locked');
    });
    send('SIGTERM');
    await settle();
    expect(exits).toEqual([1]);
  });
});
