export type { Flavor } from './flavor';
export * from './instrument';
export * from './market';
export * from './orders';
export * from './positions';
export * from './time';
