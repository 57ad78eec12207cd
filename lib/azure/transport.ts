import "server-only";
import { TransportFailure } from "./errors/wire-errors";

function causeCodeOf(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const candidate = current as { code?: unknown; cause?: unknown };
    if (typeof candidate.code === "string") return candidate.code;
    current = candidate.cause;
  }
  return error instanceof Error ? error.name : "unknown";
}

function isTimeout(error: unknown) {
  return error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
}

/** fetch() that reports transport failures with their cause (fetch's own TypeError hides it), bounded in time. */
export async function fetchWithTimeout(url: string | Request, init: RequestInit, timeoutMs: number): Promise<Response> {
  const target = typeof url === "string" ? url : url.url;
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const host = safeHost(target);
    if (isTimeout(error)) throw new TransportFailure(host, "TIMEOUT", true);
    throw new TransportFailure(host, causeCodeOf(error), false);
  }
}

export function safeHost(url: string) {
  try {
    return new URL(url).host;
  } catch {
    return "an invalid address";
  }
}
