// Timing the list pages over HTTP against a running app: a staff sign-in, then N requests per page,
// each timed from the request to the whole answer (or, for the CSV export, to its first byte).

export type Timing = { median: number; p95: number };

const decodeHtml = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/**
 * Signs in as a browser without JavaScript does: the sign-in page's form posted back, with the hidden fields
 * React renders for its server action, and the session cookie the answer sets.
 */
export async function signIn(baseUrl: string, email: string, password: string) {
  const html = await (await fetch(`${baseUrl}/signin`)).text();
  const form = new FormData();
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g))
    form.append(decodeHtml(name), decodeHtml(value ?? ""));
  form.append("email", email);
  form.append("password", password);
  // Next.js takes a server action only from its own origin.
  const response = await fetch(`${baseUrl}/signin`, {
    method: "POST",
    body: form,
    redirect: "manual",
    headers: { origin: baseUrl },
  });
  const session = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.includes("session-token"));
  if (!session) throw new Error(`Sign-in failed (${response.status}): check the email and password.`);
  return session;
}

export function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Times `requests` requests after two untimed ones (a fresh server's first answers include warming up). */
export async function timeRequests(
  baseUrl: string,
  cookie: string,
  path: string,
  requests: number,
  untilFirstByte = false,
): Promise<Timing> {
  const times: number[] = [];
  for (let i = -2; i < requests; i++) {
    const started = performance.now();
    const response = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    if (untilFirstByte) {
      const reader = response.body!.getReader();
      await reader.read();
      if (i >= 0) times.push(performance.now() - started);
      await reader.cancel();
    } else {
      await response.arrayBuffer();
      if (i >= 0) times.push(performance.now() - started);
    }
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), p95: percentile(times, 95) };
}

/** [label, path, time to first byte only]: the pages a technician opens most, and the export. */
export const listCases: [string, string, boolean][] = [
  ["client list, first page", "/clients", false],
  ["client search 'zoe'", "/clients?q=zoe", false],
  ["client search 'garcia sales' (no match)", "/clients?q=garcia%20sales", false],
  ["client list, page 1000", "/clients?page=1000", false],
  ["device list, first page", "/devices", false],
  ["CSV export, first byte", "/clients/export", true],
];
