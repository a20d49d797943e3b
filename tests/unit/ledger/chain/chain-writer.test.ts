import { createPublicKey, verify } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { Ledger, openLedgerDatabase, closeLedgerDatabase } from '../../../../src/main/ledger';
import {
  ChainKeyMismatchError,
  ChainWriter,
  entryHash,
  headMessage,
  readChainHead,
  readChainIdentity,
  verifyChain,
  ZERO_HASH,
  type ChainPayload,
  type ChainSigner,
} from '../../../../src/main/ledger/chain';
import { TerminalSigningKey } from '../../../../src/main/security/terminal-key';
import { appendStory, openChainFixture, ORDER_STORY, type ChainFixture } from './chain-fixture';
import { rawDatabase } from '../../../../src/main/ledger/raw-database';

let fixture: ChainFixture | undefined;
afterEach(() => {
  fixture?.close();
  fixture = undefined;
});
const open = (): ChainFixture => (fixture = openChainFixture());
const count = (fx: ChainFixture): number => fx.db.prepare('SELECT count(*) FROM ledger_chain').pluck().get() as number;
/** A signer over the fixture's key that counts its signatures. */
function countingSigner(fx: ChainFixture): { counting: ChainSigner; signatures: () => number } {
  let signatures = 0;
  return { counting: { publicKeyPem: fx.key.publicKeyPem, sign: (m: Uint8Array) => (signatures++, fx.key.sign(m)) }, signatures: () => signatures };
}

describe('ChainWriter.open', () => {
  it('records the terminal public key in the ledger and signs the empty head, and keeps the private key out of it', () => {
    const fx = open();
    expect(readChainIdentity(fx.db).publicKeyPem).toBe(fx.key.publicKeyPem);
    const head = readChainHead(fx.db);
    expect(head).toMatchObject({ seq: 0, hash: ZERO_HASH, sigDigest: ZERO_HASH });
    expect(fx.key.verify(headMessage(0, ZERO_HASH, ZERO_HASH), head.signature)).toBe(true);
    appendStory(fx.writer);
    const everything = JSON.stringify(
      fx.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all().map((t) => fx.db.prepare(`SELECT * FROM "${String(t)}"`).all()),
    );
    expect(everything).not.toContain('PRIVATE KEY');
    const privateBody = fx.key.privateKeyPem().split('\n').slice(1, -2).join('');
    expect(everything).not.toContain(privateBody);
  });

  it('refuses to extend a ledger signed by another key', () => {
    const fx = open();
    expect(() => ChainWriter.open(fx.db, TerminalSigningKey.generate())).toThrow(ChainKeyMismatchError);
    expect(() => ChainWriter.open(fx.db, fx.key)).not.toThrow();
  });
});

describe('ChainWriter.append', () => {
  it('appends gapless entries from seq 1, each linked to the previous hash and signed over its hash', () => {
    const fx = open();
    const entries = ORDER_STORY.map(([type, payload]) => fx.writer.append(type, payload));
    const publicKey = createPublicKey(fx.key.publicKeyPem);
    let prev = ZERO_HASH;
    entries.forEach((entry, index) => {
      expect(entry.seq).toBe(index + 1);
      expect(entry.prevHash).toBe(prev);
      expect(entry.hash).toBe(entryHash(entry.seq, entry.ts, entry.type, entry.payload, entry.prevHash));
      expect(verify(null, Buffer.from(entry.hash, 'hex'), publicKey, Buffer.from(entry.signature, 'base64'))).toBe(true);
      prev = entry.hash;
    });
    const stored = fx.db.prepare('SELECT seq, ts, type, payload, prev_hash AS prevHash, hash, signature FROM ledger_chain ORDER BY seq').all();
    expect(stored).toEqual(entries);
    expect(readChainHead(fx.db)).toMatchObject({ seq: entries.length, hash: prev });
    expect(verifyChain(fx.db, fx.key.publicKeyPem)).toMatchObject({ ok: true, entries: entries.length });
  });

  it('stores the payload as RFC 8785 canonical JSON whatever the key order', () => {
    const fx = open();
    const entry = fx.writer.append('risk.decision', { verdict: 'DENY', clientOrderId: 'O-9', reason: { limit: 1_000_000, code: 'MAX_NOTIONAL' }, ratio: 0.5 });
    expect(entry.payload).toBe('{"clientOrderId":"O-9","ratio":0.5,"reason":{"code":"MAX_NOTIONAL","limit":1000000},"verdict":"DENY"}');
  });

  it('stamps each entry with the injected clock in Unix µs', () => {
    const fx = open();
    const first = fx.writer.append('order.intent', { clientOrderId: 'O-1' });
    const second = fx.writer.append('order.intent', { clientOrderId: 'O-2' });
    expect(second.ts).toBe(first.ts + 1);
  });

  it.each([
    ['an unknown type', () => ['order.sent', {}], /chain entry type must be one of order\.intent, risk\.decision/],
    ['a non-object payload', () => ['order.intent', [1, 2]], /payload must be a JSON object, got an array/],
    ['NaN', () => ['order.intent', { price: Number.NaN }], /payload\.price is NaN; expected a finite number/],
    ['an undefined member', () => ['order.intent', { qty: undefined }], /payload\.qty is undefined/],
    ['a Date', () => ['order.intent', { at: new Date(0) }], /payload\.at is a Date; expected a plain object/],
    ['a bigint', () => ['order.intent', { qty: 10n }], /payload\.qty is bigint/],
    ['an integer beyond 2^53', () => ['order.intent', { notional: 2 ** 60 }], /payload\.notional is .* beyond ±\(2\^53 − 1\)/],
    ['a lone surrogate', () => ['order.intent', { symbol: 'A\uD800' }], /payload\.symbol contains a lone UTF-16 surrogate/],
  ])('refuses %s with a clear error and writes nothing', (_name, make, message) => {
    const fx = open();
    const [type, payload] = make() as [never, ChainPayload];
    expect(() => fx.writer.append(type, payload)).toThrow(message);
    expect(count(fx)).toBe(0);
    expect(readChainHead(fx.db).seq).toBe(0);
  });

  it('refuses a cyclic payload', () => {
    const fx = open();
    const payload: Record<string, unknown> = { a: 1 };
    payload.self = payload;
    expect(() => fx.writer.append('order.intent', payload as ChainPayload)).toThrow(/payload\.self refers back to itself/);
  });

  it('refuses a clock that is not integral µs', () => {
    const db = openLedgerDatabase(':memory:');
    let reading = 1_700_000_000_000_000;
    const writer = ChainWriter.open(db, TerminalSigningKey.generate(), { clock: { now: () => reading } });
    reading = 1.5;
    expect(() => writer.append('order.intent', {})).toThrow(/non-negative integer of Unix µs, got 1\.5/);
    reading = -1;
    expect(() => writer.append('order.intent', {})).toThrow(/got -1/);
    expect(db.prepare('SELECT count(*) FROM ledger_chain').pluck().get()).toBe(0);
    closeLedgerDatabase(db);
  });

  it('joins the caller\'s ledger transaction: a rollback removes the entry and the next append reuses its seq', () => {
    const ledger = Ledger.open(':memory:');
    const key = TerminalSigningKey.generate();
    const writer = ChainWriter.open(rawDatabase(ledger), key);
    writer.append('order.intent', { clientOrderId: 'O-1' });
    expect(() =>
      ledger.transaction(() => {
        writer.append('order.intent', { clientOrderId: 'O-2' });
        throw new Error('venue refused');
      }),
    ).toThrow('venue refused');
    expect(readChainHead(rawDatabase(ledger)).seq).toBe(1);
    expect(writer.append('order.intent', { clientOrderId: 'O-3' }).seq).toBe(2);
    expect(verifyChain(rawDatabase(ledger), key.publicKeyPem)).toMatchObject({ ok: true, entries: 2 });
    ledger.close();
  });

  it('keeps the head signed after every append made outside a batch', () => {
    const fx = open();
    for (const [type, payload] of ORDER_STORY) {
      fx.writer.append(type, payload);
      const head = readChainHead(fx.db);
      expect(fx.key.verify(headMessage(head.seq, head.hash, head.sigDigest), head.signature)).toBe(true);
    }
  });

  it('rejects a direct insert that skips a seq or breaks the link (database guard)', () => {
    const fx = open();
    const entry = fx.writer.append('order.intent', { clientOrderId: 'O-1' });
    const insert = fx.db.prepare('INSERT INTO ledger_chain (seq, ts, type, payload, prev_hash, hash, signature) VALUES (?, 1, ?, ?, ?, ?, ?)');
    expect(() => insert.run(3, 'order.intent', '{}', entry.hash, entry.hash, entry.signature)).toThrow(/next seq and link/);
    expect(() => insert.run(2, 'order.intent', '{}', ZERO_HASH, entry.hash, entry.signature)).toThrow(/next seq and link/);
  });
});

describe('ChainWriter.batch', () => {
  it('signs once per batch: the last entry and the head, the entries before it unsigned, and the chain verifies', () => {
    const fx = open();
    const { counting, signatures } = countingSigner(fx);
    const writer = ChainWriter.open(fx.db, counting);
    const result = writer.batch(() => {
      appendStory(writer);
      return 'done';
    });
    expect(result).toBe('done');
    expect(signatures()).toBe(2);
    const stored = fx.db.prepare('SELECT signature FROM ledger_chain ORDER BY seq').pluck().all() as string[];
    expect(stored.slice(0, -1).every((signature) => signature === '')).toBe(true);
    expect(stored.at(-1)).toHaveLength(88);
    expect(verifyChain(fx.db, fx.key.publicKeyPem)).toMatchObject({ ok: true, entries: ORDER_STORY.length });
    expect(verifyChain(fx.db, fx.key.publicKeyPem, { signatures: 'each' })).toMatchObject({ ok: true, entries: ORDER_STORY.length });
  });

  it('nests: only the outermost batch writes and signs the head; inside, the head is still the last committed one', () => {
    const fx = open();
    const { counting, signatures } = countingSigner(fx);
    const writer = ChainWriter.open(fx.db, counting);
    const before = readChainHead(fx.db);
    writer.batch(() => {
      writer.append('order.intent', { clientOrderId: 'O-1' });
      writer.batch(() => writer.append('risk.decision', { clientOrderId: 'O-1', verdict: 'PASS' }));
      expect(readChainHead(fx.db)).toEqual(before);
      writer.append('order.approval', { clientOrderId: 'O-1' });
    });
    expect(signatures()).toBe(2);
    expect(verifyChain(fx.db, fx.key.publicKeyPem)).toMatchObject({ ok: true, entries: 3 });
  });

  it('drops the entries of a nested batch that throws and continues the chain from what is left', () => {
    const fx = open();
    fx.writer.batch(() => {
      fx.writer.append('order.intent', { clientOrderId: 'O-1' });
      expect(() =>
        fx.writer.batch(() => {
          fx.writer.append('risk.decision', { clientOrderId: 'O-1', verdict: 'PASS' });
          throw new Error('venue refused');
        }),
      ).toThrow('venue refused');
      expect(fx.writer.append('order.approval', { clientOrderId: 'O-1' }).seq).toBe(2);
    });
    expect(count(fx)).toBe(2);
    expect(verifyChain(fx.db, fx.key.publicKeyPem, { signatures: 'each' })).toMatchObject({ ok: true, entries: 2 });
  });

  it('notices entries that another savepoint rolled back inside the batch, before the next append and before signing the head', () => {
    const fx = open();
    const inSavepoint = fx.db.transaction((work: () => void) => work());
    fx.writer.batch(() => {
      fx.writer.append('order.intent', { clientOrderId: 'O-1' });
      expect(() =>
        inSavepoint(() => {
          appendStory(fx.writer);
          throw new Error('undone');
        }),
      ).toThrow('undone');
      expect(fx.writer.append('order.approval', { clientOrderId: 'O-1' }).seq).toBe(2);
      expect(() =>
        inSavepoint(() => {
          fx.writer.append('venue.event', { clientOrderId: 'O-1', type: 'OrderAccepted' });
          throw new Error('undone again');
        }),
      ).toThrow('undone again');
    });
    const head = readChainHead(fx.db);
    expect(head.seq).toBe(2);
    expect(count(fx)).toBe(2);
    expect(verifyChain(fx.db, fx.key.publicKeyPem)).toMatchObject({ ok: true, entries: 2 });
    expect(fx.writer.append('order.intent', { clientOrderId: 'O-2' }).seq).toBe(3);
    expect(verifyChain(fx.db, fx.key.publicKeyPem)).toMatchObject({ ok: true, entries: 3 });
  });

  it('keeps nothing from a batch after it ends: a caller\'s rollback of the batch\'s transaction leaves the next append correct', () => {
    const ledger = Ledger.open(':memory:');
    const key = TerminalSigningKey.generate();
    const writer = ChainWriter.open(rawDatabase(ledger), key);
    writer.append('order.intent', { clientOrderId: 'O-1' });
    expect(() =>
      ledger.transaction(() => {
        writer.batch(() => appendStory(writer));
        throw new Error('engine failed after the batch');
      }),
    ).toThrow('engine failed after the batch');
    expect(readChainHead(rawDatabase(ledger)).seq).toBe(1);
    writer.batch(() => writer.append('order.intent', { clientOrderId: 'O-2' }));
    expect(verifyChain(rawDatabase(ledger), key.publicKeyPem)).toMatchObject({ ok: true, entries: 2 });
    ledger.close();
  });

  it('refuses a second writer appending on the connection inside a batch, leaving the chain intact', () => {
    const fx = open();
    const other = ChainWriter.open(fx.db, fx.key);
    fx.writer.batch(() => {
      fx.writer.append('order.intent', { clientOrderId: 'O-1' });
      expect(() => other.append('order.intent', { clientOrderId: 'O-X' })).toThrow();
      fx.writer.append('risk.decision', { clientOrderId: 'O-1', verdict: 'PASS' });
    });
    expect(verifyChain(fx.db, fx.key.publicKeyPem)).toMatchObject({ ok: true, entries: 2 });
  });

  it('rolls back every entry of a batch that throws, leaving the signed head as it was', () => {
    const fx = open();
    fx.writer.append('order.intent', { clientOrderId: 'O-1' });
    const before = readChainHead(fx.db);
    expect(() =>
      fx.writer.batch(() => {
        appendStory(fx.writer);
        throw new Error('halt failed');
      }),
    ).toThrow('halt failed');
    expect(readChainHead(fx.db)).toEqual(before);
    expect(count(fx)).toBe(1);
    fx.writer.append('order.intent', { clientOrderId: 'O-2' });
    expect(verifyChain(fx.db, fx.key.publicKeyPem)).toMatchObject({ ok: true, entries: 2 });
  });

  it('does not re-sign the head for a batch that appended nothing', () => {
    const fx = open();
    const before = readChainHead(fx.db);
    fx.writer.batch(() => undefined);
    expect(readChainHead(fx.db)).toEqual(before);
  });
});
