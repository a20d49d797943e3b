import { afterEach, describe, expect, it } from 'vitest';
import { entryHash, readChainHead, verifyChain } from '../../../../src/main/ledger/chain';
import { appendStory, dropChainGuards, openChainFixture, ORDER_STORY, type ChainFixture } from './chain-fixture';

// A chain written in transactions (batches): two batches of ORDER_STORY, so seqs 1..7 are signed by
// seq 7 and seqs 8..14 by seq 14 (migration 0013: one entry signature per transaction).

let fixture: ChainFixture | undefined;
afterEach(() => fixture?.close());

const N = ORDER_STORY.length;

function batched(): ChainFixture {
  fixture = openChainFixture();
  fixture.writer.batch(() => appendStory(fixture!.writer));
  fixture.writer.batch(() => appendStory(fixture!.writer));
  return fixture;
}

const signatures = (fx: ChainFixture): string[] => fx.db.prepare('SELECT signature FROM ledger_chain ORDER BY seq').pluck().all() as string[];

describe('a chain signed once per transaction', () => {
  it('carries one entry signature per batch, on its last entry, and verifies entry by entry', () => {
    const fx = batched();
    const signed = signatures(fx).flatMap((signature, i) => (signature === '' ? [] : [i + 1]));
    expect(signed).toEqual([N, 2 * N]);
    expect(verifyChain(fx.db, fx.key.publicKeyPem, { signatures: 'each' })).toMatchObject({ ok: true, entries: 2 * N });
  });

  it('refuses any update of an entry but giving an unsigned one its signature, and any delete', () => {
    const fx = batched();
    expect(() => fx.db.prepare("UPDATE ledger_chain SET payload = '{}' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => fx.db.prepare("UPDATE ledger_chain SET signature = '' WHERE seq = ?").run(N)).toThrow(/append-only/);
    const other = signatures(fx)[N - 1]!;
    expect(() => fx.db.prepare('UPDATE ledger_chain SET signature = ? WHERE seq = ?').run(other, 2 * N)).toThrow(/append-only/);
    expect(() => fx.db.prepare("UPDATE ledger_chain SET signature = ?, ts = ts + 1 WHERE seq = 2").run(other)).toThrow(/append-only/);
    expect(() => fx.db.prepare('DELETE FROM ledger_chain WHERE seq = 2').run()).toThrow(/append-only/);
  });

  it('finds an edited unsigned entry at its own seq', () => {
    const fx = batched();
    dropChainGuards(fx.db);
    fx.db.prepare("UPDATE ledger_chain SET payload = json_set(payload, '$.quantity', 1000) WHERE seq = ?").run(N + 1);
    expect(verifyChain(fx.db, fx.key.publicKeyPem)).toMatchObject({ ok: false, firstBadSeq: N + 1, kind: 'tampered-entry' });
  });

  it('reports an unsigned entry rewritten and re-hashed onwards at the first seq of its batch, which no valid signature vouches for', () => {
    const fx = batched();
    dropChainGuards(fx.db);
    const rows = fx.db.prepare('SELECT seq, ts, type, payload FROM ledger_chain WHERE seq >= ? ORDER BY seq').all(N + 3) as { seq: number; ts: number; type: string; payload: string }[];
    let prev = fx.db.prepare('SELECT hash FROM ledger_chain WHERE seq = ?').pluck().get(N + 2) as string;
    for (const row of rows) {
      const payload = row.seq === N + 3 ? row.payload.replace('"O-1"', '"O-9"') : row.payload;
      const hash = entryHash(row.seq, row.ts, row.type, payload, prev);
      fx.db.prepare('UPDATE ledger_chain SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(payload, prev, hash, row.seq);
      prev = hash;
    }
    fx.db.prepare('UPDATE ledger_chain_head SET hash = ? WHERE id = 1').run(prev);
    for (const mode of ['digest', 'each'] as const) {
      const verdict = verifyChain(fx.db, fx.key.publicKeyPem, { signatures: mode });
      expect(verdict).toMatchObject({ ok: false, firstBadSeq: N + 1, kind: 'bad-signature' });
      expect(verdict.ok ? '' : verdict.reason).toContain(`seqs ${N + 1}..${2 * N}`);
    }
  });

  it('refuses a chain whose last entries carry no signature, even under a head re-signed by nobody', () => {
    const fx = batched();
    dropChainGuards(fx.db);
    fx.db.prepare("UPDATE ledger_chain SET signature = '' WHERE seq = ?").run(2 * N);
    const verdict = verifyChain(fx.db, fx.key.publicKeyPem, { signatures: 'each' });
    expect(verdict).toMatchObject({ ok: false, firstBadSeq: N + 1, kind: 'bad-signature' });
    expect(verdict.ok ? '' : verdict.reason).toMatch(/carry no signature/);
  });

  it('keeps the head at the last signed batch while a batch is open, and moves it when the batch commits', () => {
    const fx = batched();
    const before = readChainHead(fx.db);
    fx.writer.batch(() => {
      fx.writer.append('order.intent', { clientOrderId: 'O-2' });
      expect(readChainHead(fx.db)).toEqual(before);
    });
    expect(readChainHead(fx.db).seq).toBe(2 * N + 1);
    expect(verifyChain(fx.db, fx.key.publicKeyPem, { signatures: 'each' })).toMatchObject({ ok: true, entries: 2 * N + 1 });
  });
});
