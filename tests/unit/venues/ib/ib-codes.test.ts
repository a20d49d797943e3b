import { describe, expect, it } from 'vitest';
import { classifyIbCode, knownIbCodes } from '../../../../src/main/venues/ib/ib-codes';

const ENDS_AN_ORDER = new Set(['ORDER_REJECTED', 'ORDER_CANCELED', 'DUPLICATE_ORDER_ID']);

describe('IB message codes', () => {
  it('never reads an information or farm code as a reject or a cancel, even about an order id', () => {
    for (const code of [2104, 2106, 2158, 2107, 2108, 2119, 1102, 10167, 2150, 399, 404, 2109, 2137]) {
      const info = classifyIbCode(code, true);
      expect(ENDS_AN_ORDER.has(info.action), `code ${code} -> ${info.action}`).toBe(false);
    }
  });

  it('ends an order only on the reject and cancel codes', () => {
    const ending = knownIbCodes().filter((code) => ENDS_AN_ORDER.has(classifyIbCode(code, true).action));
    expect(ending).toEqual([103, 110, 201, 202, 203, 434]);
  });

  it('treats an unknown code about an order as a warning that leaves it live, and elsewhere as information', () => {
    expect(classifyIbCode(9_999, true)).toMatchObject({ action: 'ORDER_WARNING', known: false, severity: 'WARNING' });
    expect(classifyIbCode(9_999, false)).toMatchObject({ action: 'NONE', known: false });
  });

  it('maps the connectivity sequence 1100 / 2110 -> 1101 / 1102 to lost, restored with data lost, restored', () => {
    expect([1100, 2110, 1101, 1102, 1300].map((code) => classifyIbCode(code, false).action)).toEqual([
      'UPSTREAM_LOST',
      'UPSTREAM_LOST',
      'UPSTREAM_RESTORED_DATA_LOST',
      'UPSTREAM_RESTORED',
      'RECONNECT',
    ]);
    expect(classifyIbCode(326, false).action).toBe('CLIENT_ID_IN_USE');
    expect(classifyIbCode(317, false).action).toBe('DEPTH_RESET');
    expect(classifyIbCode(100, false).action).toBe('THROTTLE');
  });
});
