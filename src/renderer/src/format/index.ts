export * from './money';
export * from './order-status';
export * from './time';
export * from './percent';
export * from './sizing';
