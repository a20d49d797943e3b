import os from 'node:os';

/**
 * Benchmark output in the project's one-line format:
 *   BENCH <name> p50=<x> p99=<y> <unit>
 *   BENCH <name> value=<x> <unit>
 * Benchmarks measure and print; they never assert a target.
 */

/** The p-th percentile (0..100) of `samples` by nearest rank. @throws RangeError on an empty sample. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new RangeError('percentile of an empty sample');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

function fmt(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(3) : x.toPrecision(3);
}

/** Prints `BENCH <name> p50=.. p99=.. <unit>` for `samples` (n must be > 0). */
export function reportPercentiles(name: string, samples: readonly number[], unit: string): void {
  console.log(`BENCH ${name} p50=${fmt(percentile(samples, 50))} p99=${fmt(percentile(samples, 99))} ${unit} (n=${samples.length})`);
}

/** Prints `BENCH <name> value=<x> <unit>`. */
export function reportValue(name: string, value: number, unit: string): void {
  console.log(`BENCH ${name} value=${fmt(value)} ${unit}`);
}

/** One line describing the machine, printed once per run. */
export function describeMachine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `MACHINE ${os.cpus().length} x ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}
