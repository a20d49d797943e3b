import { useTerminal } from '../../state';
import { badPrintsText, badPrintsTitle } from './replay-text';

/**
 * The count of prints the bad-tick guard kept off the breaker, the tape, the chart and P&L marks
 * (status push `badTicks`), with the rule and the latest one in its tooltip. Shown only once a print
 * was excluded; `data-excluded` carries the count.
 */
export function BadPrintsBadge() {
  const summary = useTerminal((state) => state.status?.badTicks ?? null);
  const text = summary === null ? null : badPrintsText(summary);
  if (summary === null || text === null) return null;
  return (
    <span className="bad-prints" title={badPrintsTitle(summary)} data-testid="bad-prints" data-excluded={summary.excluded}>
      ⚠ {text}
    </span>
  );
}
