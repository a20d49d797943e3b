export * from './OrderTicket';
export * from './order-outcome';
export * from './ticket-form';
export * from './ticket-sizing';
