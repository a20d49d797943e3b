// `npm start`, after `electron-vite build`: launch the Electron app when its runtime is installed,
// otherwise run the headless terminal (`floor serve`) for a browser. See DESIGN.md "One host, two shells".
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const args = process.argv.slice(2);

/**
 * Path of the Electron binary, or undefined when it is missing. The electron package exports the
 * path, and throws "Electron failed to install correctly" when its postinstall download was skipped
 * (ELECTRON_SKIP_BINARY_DOWNLOAD=1) or failed; a path to a deleted binary counts as missing too.
 */
function electronBinary() {
  try {
    const binary = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs `command` with inherited stdio, forwards SIGINT/SIGTERM/SIGHUP to it (a `kill` aimed at this
 * process alone must still stop the child), and exits with the child's code, or 128 + signal number
 * when the child was killed by a signal (shell convention).
 */
function run(command, commandArgs, env) {
  const child = spawn(command, commandArgs, { cwd: projectRoot, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.on('error', (error) => {
    process.stderr.write(`npm start: cannot run ${command}: ${error.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exit(code ?? 128 + (signal === null ? 1 : (constants.signals[signal] ?? 1)));
  });
}

const binary = electronBinary();
if (binary !== undefined) {
  // ELECTRON_RUN_AS_NODE, when inherited from a parent tool, would make the binary behave as plain Node.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  run(binary, [projectRoot, ...args], env);
} else {
  process.stderr.write(
    'npm start: the Electron runtime is not installed (npm was run with ELECTRON_SKIP_BINARY_DOWNLOAD=1, ' +
      'or the Electron download failed), so Floor cannot open its desktop window. Running the headless ' +
      'terminal `floor serve` instead: open the URL it prints below in a Chromium-based browser ' +
      '(Chrome, Chromium, Edge, Brave); the URL works once, and the terminal runs until you press Ctrl-C. ' +
      'To get the desktop app, download the runtime with `node node_modules/electron/install.js` ' +
      '(network access needed, ELECTRON_SKIP_BINARY_DOWNLOAD unset), then run `npm start` again.\n',
  );
  run(process.execPath, [fileURLToPath(new URL('../bin/floor.mjs', import.meta.url)), 'serve', ...args], process.env);
}
