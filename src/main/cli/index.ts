/**
 * Entry of the `floor` command (bundled to out/main/cli.js; bin/floor.mjs imports it).
 * Runs the command line on import.
 */
import { fileURLToPath } from 'node:url';
import { startTerminal } from '../app';
import packageJson from '../../../package.json';
import { createProgram } from './program';
import { messageOf } from '../../shared';

// stdout carries exactly one line, `Floor ready: <url>`, which scripts and the end-to-end tests
// parse; any console.log from a library would corrupt it, so console output goes to stderr.
console.log = console.error;
console.info = console.error;

// In the bundle this file is out/main/cli.js and the renderer build is out/renderer.
const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url));

const program = createProgram(
  {
    startTerminal,
    rendererDir,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    process: {
      onSignal: (signal, handler) => process.on(signal, handler),
      exit: (code) => process.exit(code),
      now: () => performance.now(),
    },
  },
  packageJson.version,
);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`floor: ${messageOf(error)}\n`);
  process.exit(1);
});
