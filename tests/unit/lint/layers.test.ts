import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../../eslint.layers.js';

// The layer table of eslint.layers.js is enforced by the real lint configuration: each case lints a
// small module as if it sat in a folder of src/ and reads which rules fire.

const root = path.resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: root });

/** The rule ids ESLint reports for `code` placed at `file` (relative to the repository). */
async function violations(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the layer table (eslint.layers.js)', () => {
  it('rejects an upward import: the ledger importing security', async () => {
    const found = await violations('src/main/ledger/probe.ts', "import { TerminalSigningKey } from '../security';\nexport const probe = TerminalSigningKey;\n");
    expect(found).toEqual([expect.stringMatching(/^boundaries\/element-types: ledger must not import security/)]);
  });

  it('rejects electron importing the cli, and the renderer importing main', async () => {
    expect(await violations('src/main/electron/probe.ts', "import { createProgram } from '../cli/program';\nexport const probe = createProgram;\n")).toContainEqual(
      expect.stringMatching(/^boundaries\/element-types: electron must not import cli/),
    );
    expect(await violations('src/renderer/src/probe.ts', "import { Ledger } from '../../main/ledger';\nexport const probe = Ledger;\n")).toContainEqual(
      expect.stringMatching(/^boundaries\/element-types: renderer must not import ledger/),
    );
  });

  it('rejects an import that reaches past a folder\'s index.ts', async () => {
    const found = await violations('src/main/venues/probe.ts', "import type { BookView } from '../marketdata/book-view';\nexport type Probe = BookView;\n");
    expect(found).toEqual([expect.stringMatching(/^boundaries\/entry-point: import marketdata through its index\.ts/)]);
  });

  it('accepts a downward import through an index, and imports inside a folder', async () => {
    expect(await violations('src/main/venues/probe.ts', "import type { BookView } from '../marketdata';\nexport type Probe = BookView;\n")).toEqual([]);
    expect(await violations('src/main/execution/probe.ts', "import { OrderStore } from './engine/order-store';\nexport const probe = OrderStore;\n")).toEqual([]);
  });

  it('lets no layer import one above it: the table is acyclic', () => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (layer: string): void => {
      expect(visiting.has(layer), `a cycle through ${layer}`).toBe(false);
      if (done.has(layer)) return;
      visiting.add(layer);
      for (const below of LAYERS[layer]?.mayImport ?? []) visit(below);
      visiting.delete(layer);
      done.add(layer);
    };
    for (const layer of Object.keys(LAYERS)) visit(layer);
  });
});
