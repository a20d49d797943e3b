import { AgGridReact } from 'ag-grid-react';
import { useMemo } from 'react';
import type { InstrumentId, PositionView } from '../../../../shared';
import { floorGridTheme, keyRows, useTransactionalRows } from '../../grid';
import { useTerminal } from '../../state';
import { positionColumns } from './positions-columns';

const NO_ROWS: PositionView[] = [];

/** Positions (ag-grid), one row per instrument, updated by transactions from the positions push. */
export function PositionsGrid() {
  const positions = useTerminal((state) => state.positions);
  const keyed = useMemo(() => keyRows<InstrumentId, PositionView>(positions, (p) => p.instrumentId), [positions]);
  const onGridReady = useTransactionalRows<InstrumentId, PositionView>(keyed);
  return (
    <div className="positions-grid">
      <AgGridReact<PositionView>
        theme={floorGridTheme}
        columnDefs={positionColumns}
        defaultColDef={{ sortable: false, resizable: true, suppressMovable: true }}
        getRowId={(params) => params.data.instrumentId}
        onGridReady={(event) => onGridReady(event.api)}
        rowData={NO_ROWS}
        loading={false}
        suppressColumnVirtualisation
        suppressCellFocus
        overlayNoRowsTemplate='<span class="grid-empty">Flat: no positions.</span>'
      />
    </div>
  );
}
