import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertChainPayload, canonicalPayload, entryHashInput, type ChainPayload } from '../../../../src/main/ledger/chain';

const json = fc.jsonValue({ maxDepth: 3 }).filter((v) => {
  try {
    assertChainPayload({ v });
    return true;
  } catch {
    return false;
  }
});

describe('canonical entry text (RFC 8785)', () => {
  it('equals the canonical JSON of {seq, ts, type, payload, prevHash} for any payload', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), json),
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('order.intent', 'venue.event', 'security.event'),
        fc.stringMatching(/^[0-9a-f]{64}$/),
        (payload, seq, ts, type, prevHash) => {
          assertChainPayload(payload);
          const text = canonicalPayload(payload as ChainPayload);
          expect(entryHashInput(seq, ts, type, text, prevHash)).toBe(canonicalize({ seq, ts, type, payload: JSON.parse(text), prevHash }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('sorts members by UTF-16 code units and writes numbers as ECMAScript does (RFC 8785 §3.2.2.3, §3.2.3)', () => {
    expect(canonicalPayload({ b: 1, a: [1e21, 0.1, -0], '€': 'x', é: true, '\u0080': null })).toBe('{"a":[1e+21,0.1,0],"b":1,"\u0080":null,"é":true,"€":"x"}');
  });
});
