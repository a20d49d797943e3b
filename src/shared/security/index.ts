export * from './key-store';
