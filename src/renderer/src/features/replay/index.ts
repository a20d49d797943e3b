export * from './BadPrintsBadge';
export * from './ReplayBanner';
export * from './replay-text';
