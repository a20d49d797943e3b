import { afterEach, describe, expect, it } from 'vitest';
import {
  entryHash,
  headMessage,
  readChainHead,
  readChainIdentity,
  verifyChain,
  ZERO_HASH,
  type ChainFailureKind,
} from '../../../../src/main/ledger/chain';
import { TerminalSigningKey } from '../../../../src/main/security/terminal-key';
import { appendStory, dropChainGuards, openChainFixture, type ChainFixture } from './chain-fixture';

let fixture: ChainFixture | undefined;
afterEach(() => fixture?.close());

/** A ledger holding ORDER_STORY (7 entries), guards dropped as an attacker with file access would. */
function tamperable(): { fx: ChainFixture; n: number; verify: () => ReturnType<typeof verifyChain> } {
  fixture?.close();
  const fx = openChainFixture();
  fixture = fx;
  const n = appendStory(fx.writer);
  dropChainGuards(fx.db);
  return { fx, n, verify: () => verifyChain(fx.db, readChainIdentity(fx.db).publicKeyPem!) };
}

const SEQS = [1, 2, 3, 4, 5, 6, 7];

/** Each field an attacker could edit, how, and what verification must then report. */
const FIELD_TAMPERS: readonly { field: string; sql: string; kind: ChainFailureKind }[] = [
  { field: 'ts', sql: 'UPDATE ledger_chain SET ts = ts - 60000000 WHERE seq = ?', kind: 'tampered-entry' },
  {
    field: 'type',
    sql: "UPDATE ledger_chain SET type = CASE type WHEN 'security.event' THEN 'order.intent' ELSE 'security.event' END WHERE seq = ?",
    kind: 'tampered-entry',
  },
  { field: 'payload', sql: `UPDATE ledger_chain SET payload = '{"clientOrderId":"O-1","quantity":1000}' WHERE seq = ?`, kind: 'tampered-entry' },
  { field: 'prev_hash', sql: `UPDATE ledger_chain SET prev_hash = '${'ab'.repeat(32)}' WHERE seq = ?`, kind: 'broken-link' },
  { field: 'hash', sql: `UPDATE ledger_chain SET hash = '${'cd'.repeat(32)}' WHERE seq = ?`, kind: 'tampered-hash' },
  // Another entry's genuine signature: well-formed, signed by the right key, but not over this hash.
  {
    field: 'signature',
    sql: 'UPDATE ledger_chain SET signature = (SELECT signature FROM ledger_chain AS o WHERE o.seq = CASE ledger_chain.seq WHEN 1 THEN 2 ELSE 1 END) WHERE seq = ?',
    kind: 'bad-signature',
  },
];

describe('verifyChain on an intact ledger', () => {
  it('accepts the chain and reports its entry count and head', () => {
    const { fx, n, verify } = tamperable();
    const head = readChainHead(fx.db);
    expect(verify()).toEqual({ ok: true, entries: n, headSeq: n, headHash: head.hash });
  });

  it('accepts a ledger whose key is recorded but which has no entries yet', () => {
    fixture = openChainFixture();
    expect(verifyChain(fixture.db, fixture.key.publicKeyPem)).toEqual({ ok: true, entries: 0, headSeq: 0, headHash: ZERO_HASH });
  });

  it('verifies every entry signature on request and still accepts the intact chain', () => {
    const { fx, n } = tamperable();
    expect(verifyChain(fx.db, fx.key.publicKeyPem, { signatures: 'each' })).toMatchObject({ ok: true, entries: n });
  });
});

describe('verifyChain detects tampering with any field of any row at that seq', () => {
  for (const { field, sql, kind } of FIELD_TAMPERS) {
    it.each(SEQS)(`detects an edited ${field} at seq %i`, (seq) => {
      const { fx, verify } = tamperable();
      expect(fx.db.prepare(sql).run(seq).changes).toBe(1);
      const result = verify();
      expect(result).toMatchObject({ ok: false, firstBadSeq: seq, kind });
    });
  }

  it('names the field class in the reason', () => {
    const { fx, verify } = tamperable();
    fx.db.prepare(FIELD_TAMPERS[2]!.sql).run(4);
    expect(verify()).toMatchObject({ reason: expect.stringMatching(/ts, type or payload was altered/) });
  });

  it('finds an edited signature when checking every signature one by one, too', () => {
    const { fx } = tamperable();
    fx.db.prepare(FIELD_TAMPERS[5]!.sql).run(5);
    expect(verifyChain(fx.db, fx.key.publicKeyPem, { signatures: 'each' })).toMatchObject({ ok: false, firstBadSeq: 5, kind: 'bad-signature' });
  });

  it('reports the first rewritten entry even when the attacker re-hashed it and every later link', () => {
    const { fx, n, verify } = tamperable();
    // Rewrite seq 3's payload and recompute hashes forward, so every hash and link is consistent;
    // only the signatures (and the signed head) betray it.
    const rows = fx.db.prepare('SELECT seq, ts, type, payload, prev_hash FROM ledger_chain ORDER BY seq').all() as {
      seq: number; ts: number; type: string; payload: string; prev_hash: string;
    }[];
    let prev = fx.db.prepare('SELECT hash FROM ledger_chain WHERE seq = 2').pluck().get() as string;
    for (const row of rows.slice(2)) {
      const payload = row.seq === 3 ? '{"clientOrderId":"O-1","verdict":"DENY"}' : row.payload;
      const hash = entryHash(row.seq, row.ts, row.type, payload, prev);
      fx.db.prepare('UPDATE ledger_chain SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(payload, prev, hash, row.seq);
      prev = hash;
    }
    fx.db.prepare('UPDATE ledger_chain_head SET hash = ? WHERE id = 1').run(prev);
    expect(n).toBe(7);
    expect(verify()).toMatchObject({ ok: false, firstBadSeq: 3, kind: 'bad-signature' });
  });

  it('refuses every entry when checked against another key', () => {
    const { fx } = tamperable();
    expect(verifyChain(fx.db, TerminalSigningKey.generate().publicKeyPem)).toMatchObject({ ok: false, firstBadSeq: 1, kind: 'bad-signature' });
  });
});

describe('verifyChain detects deleted rows and truncation', () => {
  it.each([1, 3, 6])('detects a deleted row at seq %i', (seq) => {
    const { fx, verify } = tamperable();
    fx.db.prepare('DELETE FROM ledger_chain WHERE seq = ?').run(seq);
    expect(verify()).toMatchObject({ ok: false, firstBadSeq: seq, kind: 'missing-row', reason: expect.stringContaining(`seq ${seq} is missing`) });
  });

  it.each([1, 3, 7])('detects the tail cut by %i entries through the signed head checkpoint', (cut) => {
    const { fx, n, verify } = tamperable();
    fx.db.prepare('DELETE FROM ledger_chain WHERE seq > ?').run(n - cut);
    expect(verify()).toMatchObject({
      ok: false,
      firstBadSeq: n - cut + 1,
      kind: 'truncated',
      reason: `truncated: the signed head checkpoint records seq ${n} but the chain ends at seq ${n - cut}`,
    });
  });

  it('detects truncation covered by a head rewritten to the new last entry (the attacker cannot sign it)', () => {
    const { fx, verify } = tamperable();
    fx.db.prepare('DELETE FROM ledger_chain WHERE seq > 4').run();
    const last = fx.db.prepare('SELECT hash, signature FROM ledger_chain WHERE seq = 4').get() as { hash: string; signature: string };
    // Reusing entry 4's own signature: valid for the entry, not for a head (different message).
    fx.db.prepare('UPDATE ledger_chain_head SET seq = 4, hash = ?, signature = ? WHERE id = 1').run(last.hash, last.signature);
    expect(verify()).toMatchObject({ ok: false, firstBadSeq: 5, kind: 'head-forged' });
  });

  it('detects a head forged with another key', () => {
    const { fx, n, verify } = tamperable();
    const head = readChainHead(fx.db);
    const forged = TerminalSigningKey.generate().sign(headMessage(head.seq, head.hash, head.sigDigest));
    fx.db.prepare('UPDATE ledger_chain_head SET signature = ? WHERE id = 1').run(forged);
    expect(verify()).toMatchObject({ ok: false, firstBadSeq: n + 1, kind: 'head-forged' });
  });

  it('detects a head stripped of its signature', () => {
    const { fx, n, verify } = tamperable();
    fx.db.prepare("UPDATE ledger_chain_head SET signature = '' WHERE id = 1").run();
    expect(verify()).toMatchObject({ ok: false, firstBadSeq: n + 1, kind: 'head-forged' });
  });

  it('detects entries beyond the signed head (a head rolled back to an earlier genuine checkpoint)', () => {
    fixture?.close();
    const fx = openChainFixture();
    fixture = fx;
    fx.writer.append('order.intent', { clientOrderId: 'O-1' });
    fx.writer.append('order.intent', { clientOrderId: 'O-2' });
    const earlier = readChainHead(fx.db);
    fx.writer.append('order.intent', { clientOrderId: 'O-3' });
    fx.db.prepare('UPDATE ledger_chain_head SET seq = ?, hash = ?, sig_digest = ?, signature = ? WHERE id = 1').run(
      earlier.seq, earlier.hash, earlier.sigDigest, earlier.signature,
    );
    expect(verifyChain(fx.db, fx.key.publicKeyPem)).toMatchObject({ ok: false, firstBadSeq: 3, kind: 'head-mismatch' });
  });
});
