export * from './OrdersBlotter';
export * from './blotter-columns';
