import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
import { messageOf, type AuthenticationResponse, type Disposable, type InterlockCredential, type InterlockStatus } from '../../../../shared';
import type { RpcClient } from '../../rpc';

/** The two browser ceremonies (injectable for tests; default @simplewebauthn/browser 14). */
export interface WebAuthnCeremonies {
  startRegistration: typeof startRegistration;
  startAuthentication: typeof startAuthentication;
}

const BROWSER_CEREMONIES: WebAuthnCeremonies = { startRegistration, startAuthentication };

/**
 * The renderer's side of the WebAuthn interlock: the host's interlock status (loaded on every
 * connect, then kept current by the `interlock` push topic) and the ceremonies that change it.
 * The host enforces every rule; this only walks the trader through them.
 */
export class InterlockController {
  private current: InterlockStatus | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly client: RpcClient,
    private readonly ceremonies: WebAuthnCeremonies = BROWSER_CEREMONIES,
  ) {}

  /** Follows the host: status on each (re)connect and every push. Dispose to stop. */
  bind(): Disposable {
    const subscriptions = [
      this.client.subscribe('interlock', (status) => this.set(status)),
      this.client.onDidConnect(() => void this.refresh().catch(() => undefined)),
    ];
    if (this.client.state === 'connected') void this.refresh().catch(() => undefined);
    return { dispose: () => subscriptions.forEach((s) => s.dispose()) };
  }

  /** The last known status (null before the first answer). */
  readonly getStatus = (): InterlockStatus | null => this.current;

  /** React's useSyncExternalStore subscription. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Asks the host for the status. @throws RpcCallError when the host cannot be reached. */
  async refresh(): Promise<InterlockStatus> {
    return this.set(await this.client.call('interlock.status', {}));
  }

  /**
   * Registers this device's authenticator (or a security key) as `label`, then unlocks with it so
   * the first run ends ready to trade. Two prompts: one to create the credential, one to use it.
   * @throws the browser's WebAuthn error (cancelled, timed out) or the host's refusal.
   */
  async register(label: string): Promise<InterlockStatus> {
    const optionsJSON = await this.client.call('interlock.registration.options', {});
    const response = await this.ceremonies.startRegistration({ optionsJSON });
    const { status } = await this.client.call('interlock.registration.verify', { response, label });
    this.set(status);
    return status.verified ? status : this.unlock();
  }

  /** One user-verifying check that opens an interlock session. @throws the browser's or the host's error. */
  async unlock(): Promise<InterlockStatus> {
    const optionsJSON = await this.client.call('interlock.authentication.options', {});
    const response = await this.ceremonies.startAuthentication({ optionsJSON });
    return this.set(await this.client.call('interlock.authentication.verify', { response }));
  }

  /**
   * One user-verifying check whose assertion the caller hands to the host for a purpose of its own
   * (the switch to live, arming automation): it opens no session by itself.
   * @throws the browser's WebAuthn error or the host's refusal of the options.
   */
  async freshAssertion(): Promise<AuthenticationResponse> {
    const optionsJSON = await this.client.call('interlock.authentication.options', {});
    return (await this.ceremonies.startAuthentication({ optionsJSON })) as AuthenticationResponse;
  }

  /** Arms automation with one check (API and algo orders go through without a session until the span ends). */
  async armAutomation(): Promise<InterlockStatus> {
    const response = await this.freshAssertion();
    return this.set(await this.client.call('interlock.automation.arm', { response }));
  }

  /** Disarms automation at once (no check: it only reduces risk). */
  async disarmAutomation(): Promise<InterlockStatus> {
    return this.set(await this.client.call('interlock.automation.disarm', {}));
  }

  /** Registered authenticators, oldest first. */
  async credentials(): Promise<InterlockCredential[]> {
    return (await this.client.call('interlock.credentials.list', {})).credentials;
  }

  /** Removes an authenticator after a fresh check (the host requires one within the last 60 s). */
  async remove(credentialId: string): Promise<InterlockCredential[]> {
    await this.unlock();
    const { credentials, status } = await this.client.call('interlock.credentials.remove', { credentialId });
    this.set(status);
    return credentials;
  }

  private set(status: InterlockStatus): InterlockStatus {
    this.current = status;
    for (const listener of this.listeners) listener();
    return status;
  }
}

/** "4:07" from µs left (rounded up to the second, so 0:00 only when the session is over). */
export function formatRemaining(micros: number): string {
  const seconds = Math.max(0, Math.ceil(micros / 1_000_000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** A WebAuthn failure in the trader's words: a cancelled or timed-out prompt is not an error worth a stack. */
export function describeCeremonyError(error: unknown): string {
  if (error instanceof Error && (error.name === 'NotAllowedError' || error.name === 'AbortError')) {
    return 'The check was cancelled or timed out. Try again.';
  }
  if (error instanceof Error && error.name === 'InvalidStateError') return 'This authenticator is already registered.';
  return messageOf(error);
}
