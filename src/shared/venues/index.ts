export * from './gateway-host';
export * from './gateway-settings';
