/** The replay speeds the header offers, multiples of real time. */
export const REPLAY_SPEEDS = [1, 2, 5, 10, 50, 100] as const;

/** The speed options to show: the standard ones plus the current speed when it is another value (set by --speed). */
export function speedOptions(current: number | null): number[] {
  const options: number[] = [...REPLAY_SPEEDS];
  if (current !== null && !options.includes(current)) options.push(current);
  return options.sort((a, b) => a - b);
}

/** "10x", "0.5x". */
export function formatSpeed(speed: number): string {
  return `${Number.isInteger(speed) ? speed : speed.toFixed(2).replace(/0+$/, '')}x`;
}

const NANOS_PER_SECOND = 1_000_000_000;

/** Slider position (whole seconds after midnight) for a market time in ns after midnight. */
export function nanosToSliderSeconds(nanos: number): number {
  return Math.floor(nanos / NANOS_PER_SECOND);
}

/** Market time (ns after midnight) for a slider position in seconds, clamped to the session [start, end] (ns). */
export function sliderSecondsToNanos(seconds: number, sessionStart: number, sessionEnd: number): number {
  return Math.min(sessionEnd, Math.max(sessionStart, Math.round(seconds) * NANOS_PER_SECOND));
}
