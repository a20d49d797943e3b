import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ENDPOINT_FILE, readEndpointFile, writeEndpointFile } from '../../../src/main/host';

const dirs: string[] = [];
const dir = (): string => {
  const d = mkdtempSync(path.join(tmpdir(), 'floor-endpoint-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const endpoint = { port: 4321, pid: process.pid, origin: 'http://localhost:4321', startedAt: 1 };

describe('the endpoint discovery file', () => {
  it('round-trips, and its remover leaves a newer terminal\'s file in place', () => {
    const d = dir();
    const remove = writeEndpointFile(d, endpoint);
    expect(readEndpointFile(d)).toEqual(endpoint);
    writeEndpointFile(d, { ...endpoint, port: 5555, origin: 'http://localhost:5555' });
    remove();
    expect(readEndpointFile(d).port).toBe(5555);
  });

  it('says the terminal is not running when there is no file, and names a stale pid', () => {
    const d = dir();
    expect(() => readEndpointFile(d)).toThrow(/not running on .* \(no floor.endpoint.json\)/);
    writeEndpointFile(d, endpoint);
    expect(() => readEndpointFile(d, () => false)).toThrow(new RegExp(`names process ${process.pid}, which has exited`));
  });

  it('refuses a file that is not the documented JSON', () => {
    const d = dir();
    writeFileSync(path.join(d, ENDPOINT_FILE), '{"port":"80"}');
    expect(() => readEndpointFile(d)).toThrow(/not a Floor endpoint file/);
  });
});
