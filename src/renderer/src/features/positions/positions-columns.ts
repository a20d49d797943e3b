import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import { formatMoney, formatPrice, type PositionView } from '../../../../shared';
import { NUMERIC_CELL } from '../../grid';
import { QuantityCell } from './QuantityCell';

const price = (params: ValueFormatterParams<PositionView, number | null>) => formatPrice(params.value);
const money = (params: ValueFormatterParams<PositionView, number>) =>
  params.value === undefined || params.value === null ? '' : formatMoney(params.value, true);
const pnlClass = { 'cell-pos': (p: { value: number }) => p.value > 0, 'cell-neg': (p: { value: number }) => p.value < 0 };

/** Positions columns; money in micro-dollars until the formatter. P&L by average cost, marked at mid (host side). */
export const positionColumns: ColDef<PositionView>[] = [
  { headerName: 'Instrument', field: 'instrumentId', minWidth: 76, flex: 1 },
  { headerName: 'Qty', field: 'quantity', minWidth: 80, flex: 1, type: 'rightAligned', cellRenderer: QuantityCell },
  { headerName: 'Avg', field: 'avgPrice', minWidth: 88, flex: 1, type: 'rightAligned', valueFormatter: price, cellClass: NUMERIC_CELL },
  { headerName: 'Mark', field: 'markPrice', minWidth: 88, flex: 1, type: 'rightAligned', valueFormatter: price, cellClass: NUMERIC_CELL },
  { headerName: 'Unrealized', field: 'unrealizedPnl', minWidth: 96, flex: 1, type: 'rightAligned', valueFormatter: money, cellClass: NUMERIC_CELL, cellClassRules: pnlClass },
  { headerName: 'Realized', field: 'realizedPnl', minWidth: 96, flex: 1, type: 'rightAligned', valueFormatter: money, cellClass: NUMERIC_CELL, cellClassRules: pnlClass },
  {
    headerName: 'Commissions',
    field: 'commissions',
    minWidth: 82,
    flex: 1,
    type: 'rightAligned',
    valueFormatter: (p) => (p.value === undefined || p.value === null ? '' : formatMoney(p.value)),
    cellClass: NUMERIC_CELL,
  },
];
