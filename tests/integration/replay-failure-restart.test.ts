import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTerminal, type RunningTerminal } from '../../src/main/app';
import { craftPair, field, lobsterNanos, readLines, withField, GOOG_PAIRS } from '../support/lobster-craft';
import { makeRendererBuild } from '../unit/host/helpers';

/**
 * Issue 17 point 2 through the real terminal: a replay stopped on bad data keeps its place across a
 * restart (the bookmark is the last good event) instead of the terminal refusing to start, and the
 * trader can seek back. The day: the GOOG excerpt of ../shared/data with line 1500 broken, in a temp folder.
 */
const tmp = mkdtempSync(path.join(tmpdir(), 'floor-replay-restart-'));
const build = makeRendererBuild();
let terminal: RunningTerminal | undefined;
afterAll(async () => {
  await terminal?.close();
  build.cleanup();
  rmSync(tmp, { recursive: true, force: true });
});

const BAD = 1500;

describe('a replay stopped on bad data, across a restart', () => {
  it('starts again FAILED at the last good event, and seeks back from there', async () => {
    const pair = craftPair(tmp, { from: 'excerpt', messages: (lines) => lines.map((line, i) => (i === BAD - 1 ? withField(line, 0, 'x') : line)) });
    const lastGood = lobsterNanos(field(readLines(GOOG_PAIRS.excerpt.message)[BAD - 2]!, 0));
    const dataDir = path.join(tmp, 'data');
    terminal = await startTerminal({ dataDir, rendererDir: build.staticDir, replay: pair.message, speed: 1 });
    terminal.feed.pause();
    await expect(terminal.feed.seek(57_600 * 1e9)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(terminal.feed.status()).toMatchObject({ state: 'FAILED', marketTime: lastGood });
    await terminal.close();

    terminal = await startTerminal({ dataDir, rendererDir: build.staticDir, replay: pair.message, speed: 1 });
    expect(terminal.feed.status()).toMatchObject({ state: 'FAILED', marketTime: lastGood, failure: { file: pair.message, line: BAD } });
    await terminal.feed.seek(34_300 * 1e9);
    expect(terminal.feed.status()).toMatchObject({ state: 'PAUSED', failure: null, marketTime: 34_300 * 1e9 });
  });
});
