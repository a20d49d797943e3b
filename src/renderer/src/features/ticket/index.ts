export * from './OrderTicket';
export * from './order-outcome';
export * from './ticket-form';
