import { DEFAULT_RISK_PROFILE, Emitter, riskProfileSchema, type Disposable, type Event, type RiskProfile } from '../../shared';
import type { SettingsRepository } from '../ledger';
import type { Clock } from '../../shared';

/** Settings key of the persisted risk profile. */
export const RISK_PROFILE_SETTING = 'risk.profile';

/** A risk profile failed validation; `issues` names each field and what was expected. RPC code BAD_REQUEST. */
export class InvalidRiskProfileError extends Error {
  override readonly name = 'InvalidRiskProfileError';
  readonly code = 'BAD_REQUEST';
  constructor(readonly issues: readonly { readonly path: string; readonly message: string }[]) {
    super(`invalid risk profile: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`);
  }
}

/** Where the order path reads the current risk profile. */
export interface RiskProfileSource {
  /** The profile in force now (money micro-dollars, percentages basis points, see riskProfileSchema). */
  get(): RiskProfile;
}

/**
 * The trader's risk profile, persisted in the ledger's settings under RISK_PROFILE_SETTING and kept
 * in memory (it is read on every order). A new ledger has DEFAULT_RISK_PROFILE. A change applies to
 * the next order and to the next approval of a staged one.
 */
export class RiskProfileStore implements RiskProfileSource, Disposable {
  private profile: RiskProfile;
  private readonly changeEmitter = new Emitter<RiskProfile>();

  /** After `set` stored a new profile. */
  readonly onDidChange: Event<RiskProfile> = this.changeEmitter.event;

  /**
   * Reads the stored profile (validated with riskProfileSchema).
   * @throws LedgerRowError naming the key and each bad field when the stored profile is malformed:
   *   the terminal must not trade on limits it cannot read, nor silently fall back to the defaults.
   */
  constructor(
    private readonly settings: SettingsRepository,
    private readonly clock: Clock,
  ) {
    this.profile = settings.get(RISK_PROFILE_SETTING, riskProfileSchema) ?? DEFAULT_RISK_PROFILE;
  }

  get(): RiskProfile {
    return this.profile;
  }

  /**
   * Validates `candidate` with riskProfileSchema, persists it and announces it.
   * @returns the stored profile.
   * @throws InvalidRiskProfileError listing every bad field (path dot-joined) with what was expected.
   */
  set(candidate: unknown): RiskProfile {
    const parsed = riskProfileSchema.safeParse(candidate);
    if (!parsed.success) {
      throw new InvalidRiskProfileError(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    }
    this.settings.set(RISK_PROFILE_SETTING, parsed.data, this.clock.now());
    this.profile = parsed.data;
    this.changeEmitter.fire(parsed.data);
    return parsed.data;
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}
