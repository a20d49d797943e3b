export * from './AccountStrip';
export * from './PositionsGrid';
export * from './positions-columns';
