import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-order-sizing-approval';
import { migration0003 } from './0003-daily-bars';
import { migration0004 } from './0004-alerts';
import type { Migration } from './migration';

export type { Migration } from './migration';
export { migration0001 } from './0001-initial';
export { migration0002 } from './0002-order-sizing-approval';
export { migration0003 } from './0003-daily-bars';
export { migration0004 } from './0004-alerts';

/** Every schema version in order. Append new migrations here; never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004];
