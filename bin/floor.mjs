#!/usr/bin/env node
// The `floor` command. The CLI is TypeScript bundled by electron-vite into out/main/cli.js;
// this shim only finds it, so a fresh clone gets a clear instruction instead of a module error.
import { existsSync } from 'node:fs';

const cli = new URL('../out/main/cli.js', import.meta.url);

if (!existsSync(cli)) {
  process.stderr.write('floor: the terminal is not built yet. Run `npm run build` in the Floor folder first, then run this command again.\n');
  process.exit(1);
}

await import(cli.href);
