import { DEFAULT_GATEWAY_SETTINGS, Emitter, gatewaySettingsSchema, type Clock, type Disposable, type Event, type GatewaySettings } from '../../shared';
import type { SettingsRepository } from '../ledger';

/** Settings key of the persisted gateway settings. */
export const GATEWAY_SETTINGS_KEY = 'gateway.settings';

/** Gateway settings failed validation; `issues` names each field and what was expected. RPC code BAD_REQUEST. */
export class InvalidGatewaySettingsError extends Error {
  override readonly name = 'InvalidGatewaySettingsError';
  readonly code = 'BAD_REQUEST';
  constructor(readonly issues: readonly { readonly path: string; readonly message: string }[]) {
    super(`invalid gateway settings: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`);
  }
}

/**
 * The gateway settings (venue, gateways, paper/live ports, allowed hosts, disconnected policy,
 * heartbeat), persisted in the ledger's settings under GATEWAY_SETTINGS_KEY and kept in memory. A
 * new ledger has DEFAULT_GATEWAY_SETTINGS. Whoever connects to the venue listens to onDidChange.
 */
export class GatewaySettingsStore implements Disposable {
  private settings: GatewaySettings;
  private readonly changeEmitter = new Emitter<GatewaySettings>();

  /** After `set` stored new settings. */
  readonly onDidChange: Event<GatewaySettings> = this.changeEmitter.event;

  /**
   * Reads the stored settings (validated with gatewaySettingsSchema; fields added since they were
   * stored take their defaults).
   * @param clock Unix µs (wall clock) stamped on each change.
   * @throws LedgerRowError naming the key and each bad field when the stored settings are malformed:
   *   Floor must not guess which gateway to send orders to.
   */
  constructor(
    private readonly repository: SettingsRepository,
    private readonly clock: Clock,
  ) {
    this.settings = repository.get(GATEWAY_SETTINGS_KEY, gatewaySettingsSchema) ?? DEFAULT_GATEWAY_SETTINGS;
  }

  /** The settings in force now. */
  get(): GatewaySettings {
    return this.settings;
  }

  /**
   * Validates `candidate` with gatewaySettingsSchema (missing fields take their defaults); stores nothing.
   * @throws InvalidGatewaySettingsError listing every bad field (path dot-joined) with what was expected.
   */
  parse(candidate: unknown): GatewaySettings {
    const parsed = gatewaySettingsSchema.safeParse(candidate);
    if (!parsed.success) {
      throw new InvalidGatewaySettingsError(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    }
    return parsed.data;
  }

  /**
   * Validates `candidate` (see `parse`), persists it and announces it.
   * @returns the stored settings.
   * @throws InvalidGatewaySettingsError listing every bad field (path dot-joined) with what was expected.
   */
  set(candidate: unknown): GatewaySettings {
    const settings = this.parse(candidate);
    this.repository.set(GATEWAY_SETTINGS_KEY, settings, this.clock.now());
    this.settings = settings;
    this.changeEmitter.fire(settings);
    return settings;
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}
