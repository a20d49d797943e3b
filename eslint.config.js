import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layerRules, layerSettings } from './eslint.layers.js';

/**
 * Lint rules that keep DESIGN.md's dependency directions:
 * - only src/main/electron may import 'electron' (everything else runs under plain Node);
 * - src/renderer and src/shared never import src/main (and src/shared stays runtime-neutral).
 */
const mainImportPatterns = [
  { group: ['**/main/**', '**/main', '../main/*'], message: 'src/renderer and src/shared must not import src/main (DESIGN.md: dependencies point one way).' },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: "Only src/main/electron may import 'electron'." }] },
      ],
    },
  },
  {
    // The layers of eslint.layers.js: who may import whom, and only through index.ts.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { boundaries },
    settings: layerSettings(),
    rules: layerRules(),
  },
  {
    files: ['src/main/electron/**', 'src/preload/**', 'tests/e2e/electron-*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'The renderer talks to the host over RPC, never to Electron.' }], patterns: mainImportPatterns },
      ],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'src/shared is runtime-neutral.' }],
          patterns: [...mainImportPatterns, { group: ['node:*'], message: 'src/shared is runtime-neutral: no Node built-ins.' }],
        },
      ],
    },
  },
);
