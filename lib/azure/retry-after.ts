/**
 * Seconds to wait from a Retry-After header, which Graph and Entra ID send as seconds and HTTP allows as a
 * date; null when there is none or it cannot be read.
 */
export function retryAfterSeconds(value: string | null | undefined): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, Math.ceil((date - Date.now()) / 1000)) : null;
}
