import { useState, type ChangeEvent, type FormEvent } from 'react';
import { describeError } from '../../rpc';
import { useServices, useTerminal } from '../../state';
import { barsImportRequest, BARS_CSV_HEADER, checkBarsImport, describeBarsImport, instrumentFromFileName } from './bars-import';

/**
 * Imports daily bars for the correlation cap: pick a CSV (Yahoo Finance layout), confirm the
 * instrument (guessed from the file name, else the session's), send it with `bars.import`, and show
 * the days and date range imported or the host's error.
 */
export function BarsImport() {
  const { client } = useServices();
  const sessionInstrument = useTerminal((state) => state.session?.instrument.instrumentId ?? '');
  const connected = useTerminal((state) => state.connection === 'connected');
  const [instrument, setInstrument] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ readonly kind: 'success' | 'error'; readonly text: string } | null>(null);

  const instrumentText = instrument ?? sessionInstrument;
  const problems = checkBarsImport(instrumentText, file);

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0] ?? null;
    setFile(chosen);
    setResult(null);
    const guessed = chosen ? instrumentFromFileName(chosen.name) : null;
    if (guessed) setInstrument(guessed);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (problems.instrument || problems.file || !file) return;
    setBusy(true);
    setResult(null);
    try {
      const request = barsImportRequest(instrumentText, await file.text());
      const imported = await client.call('bars.import', request, { timeoutMs: 60_000 });
      setResult({ kind: 'success', text: describeBarsImport(imported) });
    } catch (error) {
      setResult({ kind: 'error', text: `Import failed: ${describeError(error)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="bars-import" onSubmit={(event) => void submit(event)} noValidate aria-label="Import daily bars">
      <p className="settings__hint">
        Daily bars feed the correlation cap. CSV header: <code>{BARS_CSV_HEADER}</code> (Yahoo Finance layout, at most 5 MB).
      </p>
      <div className="bars-import__row">
        <label className="field bars-import__file">
          <span className="field__label">CSV file</span>
          <input type="file" accept=".csv,text/csv" className="field__input" onChange={onFile} data-testid="bars-import-file" />
        </label>
        <label className="field bars-import__instrument">
          <span className="field__label">Instrument</span>
          <input
            className={`field__input${attempted && problems.instrument ? ' is-invalid' : ''}`}
            value={instrumentText}
            autoComplete="off"
            onChange={(event) => setInstrument(event.target.value.toUpperCase())}
            data-testid="bars-import-instrument"
          />
        </label>
        <button type="submit" className="btn bars-import__submit" disabled={!connected || busy} data-testid="bars-import-submit">
          {busy ? 'Importing…' : 'Import'}
        </button>
      </div>
      {attempted && (problems.instrument || problems.file) && (
        <div className="field__error" data-testid="bars-import-error">
          {[problems.file, problems.instrument].filter((problem) => problem !== undefined).join(' ')}
        </div>
      )}
      {result && (
        <div
          className={`settings__status settings__status--${result.kind}`}
          role="status"
          data-testid={result.kind === 'success' ? 'bars-import-result' : 'bars-import-error'}
        >
          {result.text}
        </div>
      )}
    </form>
  );
}
