import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import { formatMoney, formatPrice, formatShares, type Order } from '../../../../shared';
import { formatSizing, formatUnixMicrosEt, orderStatusDisplay } from '../../format';
import { NUMERIC_CELL } from '../../grid';
import { CancelCell } from './CancelCell';
import { StatusCell } from './StatusCell';

const ORDER_TYPE_SHORT: Record<Order['orderType'], string> = {
  MARKET: 'MKT',
  LIMIT: 'LMT',
  STOP_MARKET: 'STP',
  STOP_LIMIT: 'STP LMT',
  TRAILING_STOP_MARKET: 'TRAIL',
};

const priceFormatter = (params: ValueFormatterParams<Order, number | null>) => formatPrice(params.value);

/** The blotter's columns, newest order first. Values stay integers (micro-dollars, shares, µs); only formatters make text. */
export const blotterColumns: ColDef<Order>[] = [
  {
    headerName: 'Time',
    field: 'createdAt',
    width: 76,
    sort: 'desc',
    valueFormatter: (params: ValueFormatterParams<Order, number>) => (params.value === undefined || params.value === null ? '' : formatUnixMicrosEt(params.value)),
    cellClass: 'cell-mono',
  },
  { headerName: 'Id', field: 'clientOrderId', width: 96, cellClass: 'cell-mono cell-dim', tooltipField: 'clientOrderId' },
  {
    headerName: 'Side',
    field: 'side',
    width: 54,
    cellClassRules: { 'cell-buy': (p) => p.value === 'BUY', 'cell-sell': (p) => p.value === 'SELL' },
  },
  { headerName: 'Qty', field: 'quantity', width: 64, type: 'rightAligned', valueFormatter: (p) => formatShares(p.value ?? 0), cellClass: NUMERIC_CELL },
  {
    headerName: 'Sizing',
    field: 'sizing',
    width: 76,
    valueFormatter: (p) => (p.value ? formatSizing(p.value as Order['sizing']) : ''),
    tooltipValueGetter: (p) => (p.data?.signal?.score !== undefined ? `signal score ${p.data.signal.score}` : null),
  },
  { headerName: 'Type', field: 'orderType', width: 56, valueFormatter: (p) => (p.value ? ORDER_TYPE_SHORT[p.value as Order['orderType']] : '') },
  { headerName: 'Limit', field: 'limitPrice', width: 74, type: 'rightAligned', valueFormatter: priceFormatter, cellClass: NUMERIC_CELL },
  { headerName: 'TIF', field: 'timeInForce', width: 50 },
  {
    headerName: 'Status',
    colId: 'status',
    width: 138,
    // The label carries the fill progress, so a partial fill refreshes the cell (and replays its animation).
    valueGetter: (params) => (params.data ? orderStatusDisplay(params.data).label : ''),
    cellRenderer: StatusCell,
  },
  { headerName: 'Avg fill', field: 'avgFillPrice', width: 74, type: 'rightAligned', valueFormatter: priceFormatter, cellClass: NUMERIC_CELL },
  {
    headerName: 'Comm.',
    field: 'commission',
    width: 68,
    type: 'rightAligned',
    valueFormatter: (p) => (p.value === undefined || p.value === null ? '' : formatMoney(p.value)),
    cellClass: NUMERIC_CELL,
  },
  {
    headerName: 'Reason',
    colId: 'reason',
    flex: 1,
    minWidth: 110,
    valueGetter: (params) => params.data?.reason?.message ?? '',
    tooltipValueGetter: (params) => (params.data?.reason ? `${params.data.reason.code}: ${params.data.reason.message}` : null),
    cellClass: 'cell-dim',
  },
  { headerName: '', colId: 'cancel', width: 80, pinned: 'right', sortable: false, valueGetter: (params) => params.data?.status ?? '', cellRenderer: CancelCell },
];
