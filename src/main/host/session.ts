import { epochMillis, wallClock, type Clock } from '../../shared';
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a launch token stays redeemable: long enough to paste a URL into a browser, short enough to be useless later. */
export const LAUNCH_TOKEN_TTL_MS = 2 * 60 * 1000;

/**
 * Cap on live sessions. Each browser tab that redeems a token gets one; the cap keeps a script that
 * mints tokens in a loop from growing memory. The oldest session is dropped first.
 */
const MAX_SESSIONS = 64;

/** Cap on unredeemed launch tokens, for the same reason. */
const MAX_PENDING_TOKENS = 64;

/** A cookie to set on the client: `name=value`. */
export interface SessionCookie {
  readonly name: string;
  readonly value: string;
}

/** 32 random bytes, base64url (43 characters): 256 bits, beyond guessing. */
function secret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Compares `candidate` with `known` in time that does not depend on where they differ, so a
 * local attacker timing 401s cannot recover a secret byte by byte. Lengths are public (every
 * secret is 43 characters), so a length mismatch may return early.
 */
export function constantTimeEquals(candidate: string, known: string): boolean {
  const a = Buffer.from(candidate, 'utf8');
  const b = Buffer.from(known, 'utf8');
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}

/**
 * One-time launch tokens and the session cookies they turn into (the Jupyter pattern).
 *
 * - `mintLaunchToken()` returns a token that `redeemLaunchToken()` accepts exactly once within
 *   LAUNCH_TOKEN_TTL_MS; after that it is gone.
 * - `mintSessionCookie()` returns a fresh session; `isValidSession()` accepts its value until the host closes.
 *
 * The cookie name carries the port because browsers do not isolate cookies by port: two Floor hosts
 * on localhost (or an end-to-end test beside a running terminal) would otherwise overwrite each other's session.
 */
export class SessionStore {
  /** token -> expiry (ms since epoch, from `now`). Insertion order = age, for eviction. */
  private readonly tokens = new Map<string, number>();
  private readonly sessions = new Set<string>();

  /**
   * @param port the host's TCP port, used in the cookie name.
   * @param clock the wall clock; injectable so tests can expire tokens without waiting.
   */
  constructor(
    port: number,
    private readonly clock: Clock = wallClock,
  ) {
    this.cookieName = `floor_session_${port}`;
  }

  /** Name of the session cookie, `floor_session_<port>`. */
  readonly cookieName: string;

  /** A fresh single-use launch token (43 base64url characters) valid for LAUNCH_TOKEN_TTL_MS. */
  mintLaunchToken(): string {
    this.dropExpiredTokens();
    if (this.tokens.size >= MAX_PENDING_TOKENS) {
      const oldest = this.tokens.keys().next().value;
      if (oldest !== undefined) this.tokens.delete(oldest);
    }
    const token = secret();
    this.tokens.set(token, epochMillis(this.clock) + LAUNCH_TOKEN_TTL_MS);
    return token;
  }

  /**
   * Consumes `candidate` if it is an unexpired launch token. Returns true at most once per token.
   * Every stored token is compared in constant time; none is looked up by the attacker's string.
   */
  redeemLaunchToken(candidate: string): boolean {
    this.dropExpiredTokens();
    let match: string | undefined;
    for (const token of this.tokens.keys()) {
      if (constantTimeEquals(candidate, token)) match = token;
    }
    if (match === undefined) return false;
    this.tokens.delete(match);
    return true;
  }

  /** A fresh session cookie, valid until the host closes (or until MAX_SESSIONS newer sessions push it out). */
  mintSessionCookie(): SessionCookie {
    if (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.values().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
    const value = secret();
    this.sessions.add(value);
    return { name: this.cookieName, value };
  }

  /** True when the request's `Cookie` header carries a live session of this host. */
  isValidSession(cookieHeader: string | undefined): boolean {
    const presented = readCookie(cookieHeader, this.cookieName);
    if (presented === undefined) return false;
    let valid = false;
    for (const session of this.sessions) {
      if (constantTimeEquals(presented, session)) valid = true;
    }
    return valid;
  }

  /**
   * The `Set-Cookie` header value for a session: httpOnly (scripts cannot read it), SameSite=Strict
   * (no cross-site request carries it), Path=/. No `Secure`: the origin is http://localhost, which
   * browsers treat as potentially trustworthy but would refuse to send a Secure cookie to over http.
   * No Max-Age: a browser-session cookie, gone when the browser closes.
   */
  setCookieHeader(cookie: SessionCookie): string {
    return `${cookie.name}=${cookie.value}; HttpOnly; SameSite=Strict; Path=/`;
  }

  private dropExpiredTokens(): void {
    const now = epochMillis(this.clock);
    for (const [token, expiresAt] of this.tokens) {
      if (expiresAt <= now) this.tokens.delete(token);
    }
  }
}

/** Value of cookie `name` in a `Cookie` request header, or undefined. Duplicate names: the first wins (RFC 6265 5.4 order). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
