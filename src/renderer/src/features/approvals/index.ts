export * from './ApprovalQueue';
export * from './approval-queue';
export * from './signal-format';
