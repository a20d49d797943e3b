import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../../electron-builder';
import { PRODUCT_NAME } from '../../../src/main/app/data-dir';

// Pins the packaged app's hardening (electron-builder.ts at the repo root) so that weakening a fuse
// or widening what ships fails a test with a name saying what was lost.

const repoRoot = path.resolve(import.meta.dirname, '../../..');

describe('electron-builder configuration', () => {
  it('flips the Electron fuses: no run-as-node, NODE_OPTIONS or inspector; encrypted cookies; asar-only code with integrity check', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships only the built bundles and package.json, in an asar archive with native addons unpacked', () => {
    expect(config.files).toEqual(['out/**', 'package.json']);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['**/*.node']);
  });

  it("rebuilds native modules (better-sqlite3, @napi-rs/keyring) for Electron's ABI", () => {
    expect(config.npmRebuild).toBe(true);
  });

  it('names the app Floor, so the packaged app and `floor serve` share one data folder', () => {
    expect(config.appId).toBe('com.floor.terminal');
    expect(config.productName).toBe(PRODUCT_NAME);
  });

  it('builds for Linux, macOS (hardened runtime) and Windows from build/, whose 512 px icon exists', () => {
    expect(config.directories?.buildResources).toBe('build');
    const icon = readFileSync(path.join(repoRoot, 'build/icon.png'));
    // PNG IHDR: width and height are big-endian 32-bit integers at bytes 16 and 20.
    expect([icon.readUInt32BE(16), icon.readUInt32BE(20)]).toEqual([512, 512]);
    expect(config.linux?.target).toEqual(['AppImage', 'tar.gz']);
    expect(config.mac?.target).toEqual(['dmg', 'zip']);
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.win?.target).toEqual(['nsis']);
  });

  it('is the configuration electron-builder reads: no package.json "build" key or other config file takes precedence', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { build?: unknown; scripts: Record<string, string> };
    expect(pkg.build).toBeUndefined();
    for (const ext of ['yml', 'yaml', 'json', 'json5', 'toml', 'js', 'cjs']) {
      expect(existsSync(path.join(repoRoot, `electron-builder.${ext}`)), `electron-builder.${ext}`).toBe(false);
    }
    expect(pkg.scripts.dist).toBe('electron-vite build && electron-builder');
  });

  it("loads through electron-builder's own loader and passes its schema validation", async () => {
    // electron-builder's loader and validator live in its app-builder-lib dependency; resolve them from there.
    const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
    const { getConfig, validateConfiguration } = fromBuilder('app-builder-lib/out/util/config/config') as {
      getConfig(projectDir: string, configPath: null, configFromOptions: null): Promise<typeof config>;
      validateConfiguration(config: unknown, debugLogger: unknown): Promise<void>;
    };
    const { DebugLogger } = fromBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    const loaded = await getConfig(repoRoot, null, null);
    expect(loaded.electronFuses).toEqual(config.electronFuses);
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
  });
});
