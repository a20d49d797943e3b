import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { reportPercentiles } from './report';

/**
 * Start-up time (issue 9): from spawning the command until it prints `Floor ready: <url>`, on a
 * fresh data folder each time (a HOME nobody used: no data folder, no keychain, no D-Bus, so the key
 * goes in a new key file), as a new user's `npm start` does it. Two figures, 5 runs each:
 * - `npm_start_to_ready`: `npm start` (electron-vite build, then `floor serve` without the Electron
 *   runtime), what the README's second command costs;
 * - `floor_serve_to_ready`: `node bin/floor.mjs serve` alone (the build done): the terminal's own start.
 * Runs in this checkout (npm start rebuilds out/ in place): run it alone, not beside the tests.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RUNS = 5;
const READY = /^Floor ready: http:\/\/localhost:\d+\/\?token=\S+$/;

/** Milliseconds from spawning `command` with a fresh HOME until its ready line; the process group is stopped after. */
async function timeToReady(command: string, args: readonly string[]): Promise<number> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'floor-startup-'));
  const started = performance.now();
  const child = spawn(command, args, { cwd: repoRoot, env: { PATH: process.env.PATH, HOME: home }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    return await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${command} printed no ready line in 120 s; stderr:\n${stderr}`)), 120_000);
      child.once('exit', (code) => reject(new Error(`${command} exited with ${code}; stderr:\n${stderr}`)));
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (!READY.test(line)) return;
        clearTimeout(timer);
        resolve(performance.now() - started);
      });
    });
  } finally {
    if (child.pid !== undefined && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
    rmSync(home, { recursive: true, force: true });
  }
}

export default async function startupBench(): Promise<void> {
  for (const [name, command, args] of [
    ['npm_start_to_ready', 'npm', ['start']],
    ['floor_serve_to_ready', process.execPath, ['bin/floor.mjs', 'serve', '--port', '0']],
  ] as const) {
    const samples: number[] = [];
    for (let run = 0; run < RUNS; run++) samples.push(await timeToReady(command, args));
    reportPercentiles(name, samples, 'ms');
    console.log(`  ${name} runs: ${samples.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  }
}
