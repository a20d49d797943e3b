export * from './ag-grid';
export * from './row-diff';
export * from './useTransactionalRows';
