import { describe, expect, it } from 'vitest';
import { permissionDecision, PERMISSION_TABLE, type PermissionRule } from '../../../src/main/electron/permissions';

const HOST = 'http://localhost:4567';

/** Every permission name Electron 40's request and check handlers can pass (electron.d.ts, Session). */
const ELECTRON_40_PERMISSIONS = [
  'clipboard-read', 'clipboard-sanitized-write', 'deprecated-sync-clipboard-read', 'display-capture', 'fileSystem', 'fullscreen',
  'geolocation', 'hid', 'idle-detection', 'keyboardLock', 'media', 'mediaKeySystem', 'midi', 'midiSysex', 'notifications',
  'openExternal', 'pointerLock', 'serial', 'speaker-selection', 'storage-access', 'top-level-storage-access', 'unknown', 'usb',
  'window-management',
];

describe("Floor's permission table", () => {
  it('has a reasoned entry for every permission Electron 40 can ask about', () => {
    for (const permission of ELECTRON_40_PERMISSIONS) {
      const rule = PERMISSION_TABLE.get(permission);
      expect(rule, permission).toBeDefined();
      expect(rule!.why.length, permission).toBeGreaterThan(10);
    }
  });

  it('grants nothing to the Floor page itself: camera, microphone, clipboard reads, devices, notifications all refused', () => {
    for (const permission of ELECTRON_40_PERMISSIONS) {
      expect(permissionDecision(permission, `${HOST}/`, HOST).granted, permission).toBe(false);
    }
  });

  it('says why a refused permission was refused', () => {
    expect(permissionDecision('media', `${HOST}/`, HOST).reason).toBe("permission 'media' denied: camera and microphone are not used by Floor");
  });

  it('denies by default a permission a newer Electron adds, and says so', () => {
    expect(permissionDecision('local-network-access', `${HOST}/`, HOST)).toEqual({
      granted: false,
      reason: "permission 'local-network-access' is not in Floor's permission table, so it is denied by default",
    });
  });
});

describe('permission decisions for a host-origin grant', () => {
  // Floor's own table grants nothing; this table exercises the rule a future grant would follow.
  const table = new Map<string, PermissionRule>([['clipboard-sanitized-write', { grant: 'host-origin', why: 'copy order ids' }]]);

  it('grants a host-origin entry to the host origin, whether Electron passes a URL or a bare origin', () => {
    expect(permissionDecision('clipboard-sanitized-write', `${HOST}/orders`, HOST, table).granted).toBe(true);
    expect(permissionDecision('clipboard-sanitized-write', HOST, HOST, table).granted).toBe(true);
  });

  it('refuses a host-origin entry to any other origin, naming it', () => {
    const decision = permissionDecision('clipboard-sanitized-write', 'https://evil.example', HOST, table);
    expect(decision).toEqual({ granted: false, reason: "permission 'clipboard-sanitized-write' denied: asked by https://evil.example, not by http://localhost:4567" });
    expect(permissionDecision('clipboard-sanitized-write', 'http://localhost:4568', HOST, table).granted).toBe(false);
    expect(permissionDecision('clipboard-sanitized-write', '', HOST, table).reason).toContain('an unknown origin');
  });
});
