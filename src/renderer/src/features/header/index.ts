export * from './Header';
export * from './KillSwitch';
export * from './ReplayControls';
export * from './TradingStateControl';
export * from './kill-switch';
export * from './replay-speeds';
