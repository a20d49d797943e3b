/** Paper and live (issue 9): the header's PAPER / LIVE control and the dialogs of the switch. */
export { ModeControl } from './ModeControl';
export { orderLine, untilFinished, workingOrStaged } from './mode-orders';
