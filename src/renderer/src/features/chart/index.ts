export * from './PriceChart';
export * from './bars';
export * from './fill-markers';
