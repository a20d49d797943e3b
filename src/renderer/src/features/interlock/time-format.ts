/** "2025-06-15 14:03" in local time from Unix µs (wall clock). */
export function formatTimestamp(micros: number): string {
  const date = new Date(Math.floor(micros / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
