export * from './gateway-host';
export * from './gateway-settings';
export * from './gateway-status';
