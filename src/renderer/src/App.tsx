import { useState } from 'react';
import { AlertBanner } from './features/alerts';
import { BookLadder } from './features/book';
import { PriceChart } from './features/chart';
import { Header } from './features/header';
import { FirstRunDialog, InterlockPanel, InterlockProvider } from './features/interlock';
import { AccountStrip, PositionsGrid } from './features/positions';
import { SettingsDrawer } from './features/settings';
import { BadPrintsBadge, ReplayBanner } from './features/replay';
import { OrderTicket } from './features/ticket';
import { BottomPanel } from './layout';
import { useTerminal } from './state';

/** The book panel's title: instrument and, when known, the touch. */
function BookTitle() {
  const instrument = useTerminal((state) => state.session?.instrument.instrumentId ?? '');
  return (
    <header className="panel__header">
      <h2 className="panel__title">Book {instrument}</h2>
      <span className="panel__meta">click a price to use it</span>
    </header>
  );
}

/**
 * The terminal's one screen: header across the top (trading state, settings, kill switch), the
 * CRITICAL alert banner under it while one is unacknowledged, and the replay banner while the replay
 * is stopped on bad data; the L2 ladder on the left; chart, the
 * tabbed Orders / Approvals / Alerts panel and positions in the middle; ticket and account on the
 * right. Settings open as a drawer over the right side.
 */
export function App() {
  const [settingsOpen, setSettingsOpen] = useState(false);
  // Live looks live: a red frame around the window (mode.css), the header's LIVE and account, the ticket's LIVE.
  const live = useTerminal((state) => state.status?.mode === 'LIVE');
  return (
    <InterlockProvider>
      <div className={`app${live ? ' app--live' : ''}`} data-testid="app" data-mode={live ? 'LIVE' : 'PAPER'}>
        <Header onOpenSettings={() => setSettingsOpen(true)} />
        <AlertBanner />
        <ReplayBanner />
        <main className="workspace">
          <section className="panel book-panel" aria-label="Order book">
            <BookTitle />
            <div className="panel__body">
              <BookLadder />
            </div>
          </section>
          <div className="center-column">
            <section className="panel chart-panel" aria-label="Price chart">
              <header className="panel__header">
                <h2 className="panel__title">Trades</h2>
                <span className="panel__meta">1-second candles · our fills marked</span>
                <BadPrintsBadge />
              </header>
              <div className="panel__body">
                <PriceChart />
              </div>
            </section>
            <BottomPanel />
            <section className="panel positions-panel" aria-label="Positions">
              <header className="panel__header">
                <h2 className="panel__title">Positions</h2>
                <span className="panel__meta">average cost · marked at mid</span>
              </header>
              <div className="panel__body">
                <PositionsGrid />
              </div>
            </section>
          </div>
          <div className="side-column">
            <section className="panel ticket-panel" aria-label="Order ticket">
              <header className="panel__header">
                <h2 className="panel__title">Ticket</h2>
              </header>
              <InterlockPanel />
              <div className="panel__body panel__body--padded">
                <OrderTicket />
              </div>
            </section>
            <section className="panel account-panel" aria-label="Account">
              <header className="panel__header">
                <h2 className="panel__title">Account</h2>
              </header>
              <AccountStrip />
            </section>
          </div>
        </main>
        {settingsOpen && <SettingsDrawer onClose={() => setSettingsOpen(false)} />}
        <FirstRunDialog />
      </div>
    </InterlockProvider>
  );
}
