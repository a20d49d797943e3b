/**
 * The WebAuthn interlock in the renderer: first-run registration, unlock with the session's time
 * left, authenticator management, and the hook order buttons use to stay disabled until verified.
 */
export { InterlockProvider } from './InterlockProvider';
export { InterlockPanel } from './InterlockPanel';
export { FirstRunDialog } from './FirstRunDialog';
export { CredentialsManager } from './CredentialsManager';
export { useInterlock, useInterlockStatus, useInterlockVerified, useNowMicros, InterlockContext } from './interlock-context';
export { InterlockController, describeCeremonyError, formatRemaining, type WebAuthnCeremonies } from './interlock-controller';
export { formatTimestamp } from './time-format';
