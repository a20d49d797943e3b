export * from './BottomPanel';
