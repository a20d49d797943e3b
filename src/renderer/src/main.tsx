import './zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './grid/ag-grid';
import { App } from './App';
import { persistAlertAcknowledgements } from './features/alerts';
import { browserWebSocketTransport, hostSocketUrl, RpcClient } from './rpc';
import { bindSession, TerminalContext, TerminalStore, TradeTape, UiBus, type TerminalServices } from './state';
// Styles: the theme and the layout first, then one file per panel or feature (controls.css refines
// the theme's .btn; no two of the others style one element's same property at the same specificity).
import './styles/theme.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/header.css';
import './styles/trading-controls.css';
import './styles/replay-controls.css';
import './styles/ladder.css';
import './styles/chart.css';
import './styles/ticket.css';
import './styles/grid-cells.css';
import './styles/status-pill.css';
import './styles/positions.css';
import './styles/alert-banner.css';
import './styles/bottom-panel.css';
import './styles/approvals.css';
import './styles/alerts.css';
import './styles/settings-drawer.css';
import './styles/settings-sections.css';
import './styles/replay.css';

/**
 * Entry point: one RPC client to the host that served this page (same origin, so the session cookie
 * rides along), the store and tape it feeds, and the React tree that shows them.
 */
function start(): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html must contain <div id="root">');
  const client = new RpcClient({ url: hostSocketUrl(window.location), transport: browserWebSocketTransport });
  const services: TerminalServices = { client, store: new TerminalStore(), tape: new TradeTape(), ui: new UiBus() };
  bindSession(client, services.store, services.tape);
  try {
    persistAlertAcknowledgements(services.store, window.localStorage);
  } catch (error) {
    // Storage can be unavailable (disabled, sandboxed); acknowledgements then last for this window only.
    console.warn('Floor: localStorage unavailable, alert acknowledgements will not persist', error);
  }
  client.start();
  createRoot(root).render(
    <StrictMode>
      <TerminalContext.Provider value={services}>
        <App />
      </TerminalContext.Provider>
    </StrictMode>,
  );
}

start();
