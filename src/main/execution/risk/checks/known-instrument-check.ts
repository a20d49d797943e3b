import type { RiskCheck } from '../risk-types';
import { ALLOW, deny } from '../verdicts';

/** Denies orders for an instrument Floor has no definition of (UNKNOWN_INSTRUMENT). Runs before sizing. */
export const knownInstrumentCheck: RiskCheck = {
  name: 'known-instrument',
  beforeSizing: true,
  evaluate: ({ order, instrument }) =>
    instrument === undefined ? deny('UNKNOWN_INSTRUMENT', `${order.instrumentId} is not an instrument this terminal trades`) : ALLOW,
};
