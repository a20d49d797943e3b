export * from './BookLadder';
export * from './ladder-geometry';
export * from './ladder-model';
export * from './paint-metrics';
