import { migration0001 } from './0001-initial';
import type { Migration } from './migration';

export type { Migration } from './migration';
export { migration0001 } from './0001-initial';

/** Every schema version in order. Append new migrations here; never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [migration0001];
