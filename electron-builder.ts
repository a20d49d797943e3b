/**
 * How `npm run dist` packages Floor (electron-builder 26 reads this file from the repo root).
 * Typed against electron-builder's own Configuration, so a misspelt fuse or option fails the
 * typecheck instead of being ignored; tests/unit/electron/packaging-config.test.ts pins the
 * security-relevant values so nobody weakens them silently.
 *
 * Build each platform on its own OS: the native modules (better-sqlite3, @napi-rs/keyring) are
 * built or downloaded for the build machine's platform only, and a Windows build made on Linux
 * writes ASAR integrity data Windows cannot find (electron-userland/electron-builder#8690).
 */
import type { Configuration } from 'electron-builder';

const config: Configuration = {
  appId: 'com.floor.terminal',
  // Also the name of the per-user data folder (src/main/cli/data-dir.ts), shared with `floor serve`.
  productName: 'Floor',
  directories: {
    // build/icon.png (512 x 512) is the source of every platform's icon.
    buildResources: 'build',
    output: 'dist',
  },
  // Only the electron-vite bundles and package.json ("main": out/main/index.js): no sources, tests or
  // data. electron-builder adds the production dependencies from node_modules by itself.
  files: ['out/**', 'package.json'],
  // One archive, so the integrity fuse below has one file to hash and onlyLoadAppFromAsar has one place to look.
  asar: true,
  // Native addons cannot be dlopen'ed from inside an archive: better-sqlite3's and @napi-rs/keyring's
  // .node files go to app.asar.unpacked, where Electron redirects their require().
  asarUnpack: ['**/*.node'],
  // Rebuild native modules against Electron's Node ABI (the same step as `electron-builder
  // install-app-deps`); the copies in node_modules are built for the system Node that runs the tests.
  npmRebuild: true,
  electronFuses: {
    // ELECTRON_RUN_AS_NODE would turn the signed Floor binary into a general Node interpreter that
    // runs any script with Floor's identity (and its keychain and macOS privacy grants).
    runAsNode: false,
    // NODE_OPTIONS (e.g. --require=evil.js) would inject code into the main process before Floor runs.
    enableNodeOptionsEnvironmentVariable: false,
    // --inspect / --inspect-brk / SIGUSR1 would open a debugger on the main process, which holds the
    // ledger key and sends orders.
    enableNodeCliInspectArguments: false,
    // Chromium's cookie store on disk is plaintext by default; encrypt it with the OS key (Keychain,
    // DPAPI, Secret Service) so the session cookie does not sit in a readable file.
    enableCookieEncryption: true,
    // Verify app.asar against the hash embedded in the signed binary (macOS; Windows since Electron 30),
    // so editing the JavaScript of an installed Floor makes it refuse to start.
    enableEmbeddedAsarIntegrityValidation: true,
    // Load code only from app.asar, never from a loose app/ folder or default_app.asar next to it,
    // which would bypass the integrity check above.
    onlyLoadAppFromAsar: true,
    // Floor's page comes from http://localhost, never file://; file:// pages get no extra privileges.
    grantFileProtocolExtraPrivileges: false,
  },
  linux: {
    target: ['AppImage', 'tar.gz'],
    category: 'Finance',
    executableName: 'floor',
  },
  mac: {
    target: ['dmg', 'zip'],
    category: 'public.app-category.finance',
    // Hardened runtime: required for notarisation, and blocks code injection (DYLD_* variables, unsigned libraries).
    hardenedRuntime: true,
  },
  win: {
    // NSIS's default is a per-user install: no administrator prompt, data in %APPDATA%\Floor.
    target: ['nsis'],
  },
};

export default config;
