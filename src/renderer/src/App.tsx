import { BookLadder } from './features/book';
import { OrdersBlotter } from './features/blotter';
import { PriceChart } from './features/chart';
import { Header } from './features/header';
import { AccountStrip, PositionsGrid } from './features/positions';
import { OrderTicket } from './features/ticket';
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
 * The terminal's one screen: header across the top; the L2 ladder on the left; chart, orders blotter
 * and positions in the middle; ticket and account on the right.
 */
export function App() {
  return (
    <div className="app">
      <Header />
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
            </header>
            <div className="panel__body">
              <PriceChart />
            </div>
          </section>
          <OrdersBlotter />
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
    </div>
  );
}
