// How large a form post may be, by the page it posts to. Next.js has one limit for every server action
// (next.config.js, experimental.serverActions.bodySizeLimit: 16 MB, for the two uploads); proxy.ts holds each
// page to its own before the body is read, from its Content-Length (Node's parser reads no byte past it).

const megabyte = 1024 * 1024;

export const bodyLimits = {
  /** A certificate and its key, or a CSV file of up to 5 MB posted again with its preview. */
  upload: 16 * megabyte,
  /** Every other signed-in form: Next.js's own default for a server action. */
  signedIn: megabyte,
  /** Forms anyone may post (sign-in, first run, the portal's links): an email, a password, a token. */
  anonymous: 64 * 1024,
} as const;

/** The multipart forms that upload a file: Import CSV, and the credential on an organization's Settings tab or the provider app's. */
const uploadPages = [
  /^\/clients\/import$/,
  /^\/settings\/azure$/,
  /^\/settings\/organizations\/provider-app$/,
  /^\/settings\/organizations\/[0-9a-f-]{36}$/i,
];
const anonymousPages = [
  /^\/signin$/,
  /^\/setup$/,
  /^\/portal\/(signin|accept|new-link|new-password)$/,
  /^\/consent-answer$/,
  /^\/api\/auth\//,
];
/** Inngest posts a run's state (up to its own 32 MB), signed: the SDK checks it, not these limits. */
const unlimited = /^\/api\/inngest$/;

export function bodyLimitFor(pathname: string): number | null {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  if (unlimited.test(path)) return null;
  if (uploadPages.some((page) => page.test(path))) return bodyLimits.upload;
  if (anonymousPages.some((page) => page.test(path))) return bodyLimits.anonymous;
  return bodyLimits.signedIn;
}

export type BodyRefusal = { status: 411 | 413; message: string };

/** Why a request's body is refused before it is read, or null. A request without a body passes. */
export function bodyRefusal(request: { method: string; pathname: string; headers: Headers }): BodyRefusal | null {
  if (request.method === "GET" || request.method === "HEAD") return null;
  const limit = bodyLimitFor(request.pathname);
  if (limit === null) return null;
  const contentLength = request.headers.get("content-length");
  if (contentLength === null) {
    // Browsers give every form post a length; a body streamed without one could not be held to the limit here.
    return request.headers.has("transfer-encoding")
      ? { status: 411, message: "A form post needs a Content-Length." }
      : null;
  }
  const length = Number(contentLength);
  if (!Number.isSafeInteger(length) || length < 0)
    return { status: 411, message: "A form post needs a Content-Length." };
  if (length > limit)
    return {
      status: 413,
      message: `This form sent ${describeBytes(length)}; at most ${describeBytes(limit)} can be sent here.`,
    };
  return null;
}

const describeBytes = (bytes: number) =>
  bytes >= megabyte ? `${(bytes / megabyte).toFixed(1).replace(/\.0$/, "")} MB` : `${Math.ceil(bytes / 1024)} KB`;
