import type { CDPSession, Page } from 'playwright-core';

/**
 * The WebAuthn interlock in end-to-end tests: Chromium's virtual authenticator (CDP WebAuthn
 * domain) stands in for Windows Hello / Touch ID. It is a CTAP2 platform authenticator with a
 * resident-key store that verifies the user and confirms presence by itself, so the renderer's real
 * @simplewebauthn/browser ceremonies run against the host's real relying party.
 */

/** A virtual authenticator attached to one page (it lives as long as the CDP session). */
export interface VirtualAuthenticator {
  readonly cdp: CDPSession;
  readonly authenticatorId: string;
}

/** Attaches a user-verifying virtual platform authenticator to `page`. */
export async function addVirtualAuthenticator(page: Page): Promise<VirtualAuthenticator> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

/**
 * Passes the interlock through the UI with a virtual authenticator: on first run it registers one
 * (the first-run dialog then unlocks with it), otherwise it presses Unlock. Resolves once the
 * interlock panel says verified. Call it right after the terminal is live, before any other click:
 * the first-run dialog covers the screen until an authenticator is registered.
 */
export async function unlockWithVirtualAuthenticator(page: Page): Promise<VirtualAuthenticator> {
  const authenticator = await addVirtualAuthenticator(page);
  const firstRun = page.getByTestId('interlock-first-run');
  const unlock = page.getByTestId('interlock-unlock');
  await firstRun.or(unlock).first().waitFor({ timeout: 10_000 });
  if (await firstRun.isVisible()) await page.getByTestId('interlock-register').click();
  else await unlock.click();
  await page.locator('[data-testid="interlock-panel"][data-verified="true"]').waitFor({ timeout: 10_000 });
  return authenticator;
}
