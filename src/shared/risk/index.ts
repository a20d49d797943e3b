export * from './profile';
export * from './signal';
