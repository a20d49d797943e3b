import { describe, expect, it } from 'vitest';
import { navigationDecision, sameOrigin, urlForLog, windowOpenDecision } from '../../../src/main/electron/navigation-policy';

const HOST = 'http://localhost:4567';

describe('navigation lock to the host origin', () => {
  it('allows navigation within the host origin, any path or query', () => {
    expect(navigationDecision('http://localhost:4567/', HOST)).toEqual({ allow: true });
    expect(navigationDecision('http://localhost:4567/orders?id=1#fill', HOST)).toEqual({ allow: true });
  });

  it('blocks a foreign site, naming the target and the only allowed origin', () => {
    const decision = navigationDecision('https://evil.example/login', HOST);
    expect(decision.allow).toBe(false);
    expect(!decision.allow && decision.reason).toBe('navigation to https://evil.example/login blocked: Floor\'s window only shows http://localhost:4567');
  });

  it('blocks another port, another scheme and 127.0.0.1, which are other origins than the cookie and rpID belong to', () => {
    for (const url of ['http://localhost:4568/', 'https://localhost:4567/', 'ws://localhost:4567/ws', 'http://127.0.0.1:4567/']) {
      expect(navigationDecision(url, HOST).allow, url).toBe(false);
    }
  });

  it('blocks local files, javascript:, data: and about:blank, whose opaque origins never match', () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<h1>x</h1>', 'about:blank']) {
      expect(navigationDecision(url, HOST).allow, url).toBe(false);
    }
  });

  it('blocks look-alike hosts: userinfo tricks and a localhost subdomain', () => {
    expect(navigationDecision('http://localhost:4567@evil.example/', HOST).allow).toBe(false);
    expect(navigationDecision('http://localhost.evil.example:4567/', HOST).allow).toBe(false);
  });

  it('treats an unparseable URL as foreign', () => {
    expect(sameOrigin('not a url', HOST)).toBe(false);
    expect(sameOrigin('', HOST)).toBe(false);
    expect(sameOrigin('http://localhost:4567/', 'not an origin')).toBe(false);
  });

  it('never treats two opaque origins as the same one', () => {
    expect(sameOrigin('data:text/plain,a', 'data:text/plain,a')).toBe(false);
  });

  it('quotes at most 200 characters of a URL in a log line', () => {
    const long = `https://evil.example/${'a'.repeat(5_000)}`;
    expect(urlForLog(long)).toHaveLength(201);
    expect(urlForLog('https://evil.example/')).toBe('https://evil.example/');
    const decision = navigationDecision(long, HOST);
    expect(!decision.allow && decision.reason.length).toBeLessThan(300);
  });
});

describe('window.open', () => {
  it('is denied for foreign URLs and for the host origin alike: Floor is one window', () => {
    expect(windowOpenDecision('https://evil.example/').action).toBe('deny');
    expect(windowOpenDecision('http://localhost:4567/').action).toBe('deny');
    expect(windowOpenDecision('').reason).toContain('Floor opens no second window');
  });
});
