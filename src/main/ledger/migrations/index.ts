import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-order-sizing-approval';
import { migration0003 } from './0003-daily-bars';
import { migration0004 } from './0004-alerts';
import { migration0005 } from './0005-ledger-chain';
import { migration0006 } from './0006-webauthn-credentials';
import { migration0007 } from './0007-api-keys';
import { migration0008 } from './0008-drop-orders-by-status';
import { migration0009 } from './0009-order-chain-links';
import { migration0010 } from './0010-ib-order-map';
import { migration0011 } from './0011-key-store';
import { migration0012 } from './0012-order-modify-rejected';
import { migration0013 } from './0013-chain-signed-per-transaction';
import { migration0014 } from './0014-trading-modes';
import type { Migration } from './migration';

export type { Migration } from './migration';
export { migration0001 } from './0001-initial';
export { migration0002 } from './0002-order-sizing-approval';
export { migration0003 } from './0003-daily-bars';
export { migration0004 } from './0004-alerts';
export { migration0005 } from './0005-ledger-chain';
export { migration0006 } from './0006-webauthn-credentials';
export { migration0007 } from './0007-api-keys';
export { migration0008 } from './0008-drop-orders-by-status';
export { migration0009 } from './0009-order-chain-links';
export { migration0010 } from './0010-ib-order-map';
export { migration0011 } from './0011-key-store';
export { migration0012 } from './0012-order-modify-rejected';
export { migration0013 } from './0013-chain-signed-per-transaction';
export { migration0014 } from './0014-trading-modes';

/** Every schema version in order. Append new migrations here; never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0012, migration0013, migration0014];
