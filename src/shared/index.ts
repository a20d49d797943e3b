export * from './domain';
export * from './money';
export * from './rpc';
export * from './events';
export * from './risk';
export * from './venues';
export * from './security';
export * from './errors';
