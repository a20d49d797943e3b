/**
 * Child-process probe for credential-store.test.ts: tries set, get and delete through the real
 * KeyringCredentialStore with whatever D-Bus environment the parent gave it, and prints one JSON line
 * per call ({ ok } or { error name, message }). Run as `node --import tsx keychain-probe.ts <service>`.
 */
import { KeyringCredentialStore } from '../../../src/main/security/credential-store';

const store = new KeyringCredentialStore(process.argv[2] ?? 'Floor-test-probe');
const calls: [string, () => unknown][] = [
  ['set', () => store.set('probe-account', 'probe-secret')],
  ['get', () => store.get('probe-account')],
  ['delete', () => store.delete('probe-account')],
];
for (const [name, call] of calls) {
  try {
    process.stdout.write(`${JSON.stringify({ call: name, ok: true, value: call() ?? null })}\n`);
  } catch (error) {
    const e = error as Error;
    process.stdout.write(`${JSON.stringify({ call: name, ok: false, name: e.name, message: e.message })}\n`);
  }
}
