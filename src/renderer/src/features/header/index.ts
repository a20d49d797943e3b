export * from './Header';
export * from './ReplayControls';
export * from './replay-speeds';
