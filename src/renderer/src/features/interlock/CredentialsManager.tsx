import { useCallback, useEffect, useState } from 'react';
import type { InterlockCredential } from '../../../../shared';
import { formatTimestamp } from './time-format';
import { useInterlock } from './interlock-context';
import { describeCeremonyError } from './interlock-controller';

/**
 * The registered authenticators: add another (needs a live session; the host checks), remove one
 * (asks for a fresh check first; the last one cannot go).
 */
export function CredentialsManager() {
  const interlock = useInterlock();
  const [credentials, setCredentials] = useState<InterlockCredential[] | null>(null);
  const [label, setLabel] = useState('Security key');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = useCallback(async (work: () => Promise<InterlockCredential[]>) => {
    setBusy(true);
    setError(null);
    try {
      setCredentials(await work());
    } catch (failure) {
      setError(describeCeremonyError(failure));
    } finally {
      setBusy(false);
    }
  }, []);

  useEffect(() => {
    void run(() => interlock.credentials());
  }, [interlock, run]);

  return (
    <div className="interlock-credentials" data-testid="interlock-credentials">
      <ul>
        {(credentials ?? []).map((credential) => (
          <li key={credential.credentialId} data-testid="interlock-credential" data-credential-id={credential.credentialId}>
            <span className="interlock-credentials__label">{credential.label}</span>
            <span className="interlock-credentials__meta">
              {credential.transports.join(', ') || 'unknown transport'} · added {formatTimestamp(credential.createdAt)} · last used{' '}
              {credential.lastUsedAt === null ? 'never' : formatTimestamp(credential.lastUsedAt)}
            </span>
            <button
              type="button"
              className="btn btn--small btn--danger"
              disabled={busy || (credentials?.length ?? 0) <= 1}
              title={(credentials?.length ?? 0) <= 1 ? 'The last authenticator cannot be removed' : 'Verify again, then remove'}
              onClick={() => void run(() => interlock.remove(credential.credentialId))}
              data-testid="interlock-remove"
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <div className="interlock-credentials__add">
        <input value={label} maxLength={64} onChange={(event) => setLabel(event.target.value)} aria-label="New authenticator name" data-testid="interlock-add-label" />
        <button
          type="button"
          className="btn btn--small"
          disabled={busy || label.trim() === ''}
          onClick={() =>
            void run(async () => {
              await interlock.register(label);
              return interlock.credentials();
            })
          }
          data-testid="interlock-add"
        >
          Add another
        </button>
      </div>
      {error && <div className="field__error" role="alert" data-testid="interlock-manage-error">{error}</div>}
    </div>
  );
}
