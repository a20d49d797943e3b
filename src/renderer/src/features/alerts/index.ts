export * from './AlertBanner';
export * from './AlertsList';
export * from './alert-acks';
export * from './alert-selection';
