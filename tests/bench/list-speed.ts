export {};
// Server time of the list pages at the database's current size, measured over HTTP against a
// running app: tsx tests/bench/list-speed.ts <base-url> <email> <password> [requests]
const [baseUrl, email, password, requestsText = "50"] = process.argv.slice(2);
const requests = Number(requestsText);

async function signIn() {
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  const cookies = csrfResponse.headers.getSetCookie().map((c) => c.split(";")[0]);
  const { csrfToken } = await csrfResponse.json();
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password }),
  });
  const session = response.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.includes("session-token"));
  if (!session) throw new Error("Sign-in failed: check the email and password.");
  return [...cookies, session].join("; ");
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(cookie: string, path: string, untilFirstByte = false) {
  const times: number[] = [];
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    const response = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    if (untilFirstByte) {
      const reader = response.body!.getReader();
      await reader.read();
      times.push(performance.now() - started);
      await reader.cancel();
    } else {
      await response.arrayBuffer();
      times.push(performance.now() - started);
    }
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), p95: percentile(times, 95) };
}

const cookie = await signIn();
const cases: [string, string, boolean][] = [
  ["client list, first page", "/clients", false],
  ["client search 'zoe'", "/clients?q=zoe", false],
  ["client search 'garcia sales' (no match)", "/clients?q=garcia%20sales", false],
  ["client list, page 1000", "/clients?page=1000", false],
  ["device list, first page", "/devices", false],
  ["CSV export, first byte", "/clients/export", true],
];
console.log(`| request | median ms | p95 ms |  (${requests} requests each)`);
console.log("|---|---|---|");
for (const [label, path, firstByte] of cases) {
  const { median, p95 } = await measure(cookie, path, firstByte);
  console.log(`| ${label} | ${median.toFixed(1)} | ${p95.toFixed(1)} |`);
}
