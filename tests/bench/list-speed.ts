export {};
// Server time of the list pages at the database's current size, measured over HTTP against a
// running app: tsx tests/bench/list-speed.ts <base-url> <email> <password> [requests]
import { listCases, signIn, timeRequests } from "./list-timing";

const [baseUrl, email, password, requestsText = "50"] = process.argv.slice(2);
const requests = Number(requestsText);

const cookie = await signIn(baseUrl, email, password);
console.log(`| request | median ms | p95 ms |  (${requests} requests each)`);
console.log("|---|---|---|");
for (const [label, path, firstByte] of listCases) {
  const { median, p95 } = await timeRequests(baseUrl, cookie, path, requests, firstByte);
  console.log(`| ${label} | ${median.toFixed(1)} | ${p95.toFixed(1)} |`);
}
