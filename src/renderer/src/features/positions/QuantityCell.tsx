import type { CustomCellRendererProps } from 'ag-grid-react';
import { formatShares, type PositionView } from '../../../../shared';


/**
 * A position's signed quantity: long in green, short in red, flat dimmed. Carries the row's test hooks
 * (data-testid="position-row", data-instrument, data-quantity in signed shares).
 */
export function QuantityCell(props: CustomCellRendererProps<PositionView>) {
  const position = props.data;
  if (!position) return null;
  const tone = position.quantity > 0 ? 'long' : position.quantity < 0 ? 'short' : 'flat';
  return (
    <span
      className={`qty qty--${tone}`}
      data-testid="position-row"
      data-instrument={position.instrumentId}
      data-quantity={position.quantity}
    >
      {formatShares(position.quantity)}
    </span>
  );
}
