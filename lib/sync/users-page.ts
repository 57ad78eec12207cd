import "server-only";
import { clients } from "@/db/schema";
import { fetchUsersDeltaPage, type GraphOptions, type GraphUserChange } from "@/lib/azure";
import { decidePage, type PageRules } from "./decide-page";
import { externalOffReason } from "./finish-run";
import { clientFieldsFrom, type ClientFields } from "./record-fields";
import { loadConnection, type RunPlan } from "./run-context";
import { knownRecords, writePage, writtenPage, type PageResult } from "./write-page";

const comparedFields: (keyof ClientFields)[] = [
  "displayName", "givenName", "surname", "mail", "userPrincipalName", "userType", "isExternal", "accountEnabled",
  "jobTitle", "department", "companyName", "officeLocation", "mobilePhone", "businessPhones",
];

export function userRules(syncExternalUsers: boolean): PageRules<GraphUserChange, ClientFields> {
  return {
    noun: "user",
    fieldsFrom: clientFieldsFrom,
    isEnabled: (fields) => fields.accountEnabled,
    skipReason: (fields) => (fields.isExternal && !syncExternalUsers ? externalOffReason : null),
  };
}

export type PageStepResult = PageResult | { fullResyncNeeded: true; reason: string };

/** One step: fetch one page of users from Graph and write it in one transaction. */
export async function syncUsersPage(plan: RunPlan, pageIndex: number, link: string | null, options: GraphOptions = {}): Promise<PageStepResult> {
  const T = (globalThis as any).__T ??= { a: 0, b: 0, c: 0, d: 0, e: 0 }; let t = performance.now(); const lap = (k: string) => { const n = performance.now(); T[k] += n - t; t = n; if (k === "e" && pageIndex % 100 === 99) console.log(JSON.stringify(T)); };
  const done = await writtenPage(plan.runId, pageIndex);
  if (done) return done;
  const { connection, settings } = await loadConnection(plan.connectionId);
  lap("a"); const page = await fetchUsersDeltaPage(settings, link, options); lap("b");
  if (page.fullResyncNeeded) return { fullResyncNeeded: true, reason: page.reason };
  const ids = page.changes.map((change) => (change.type === "upsert" ? change.item.id : change.id));
  const known = await knownRecords<ClientFields>(clients, plan.connectionId, ids, comparedFields);
  lap("c"); const decision = decidePage(userRules(connection.syncExternalUsers), page.changes, known);
  const pageInfo = { runId: plan.runId, pageIndex, connectionId: plan.connectionId, syncedAt: new Date(plan.syncedAt) };
  lap("d"); const r = await writePage(clients, pageInfo, decision, { nextLink: page.nextLink, deltaLink: page.deltaLink }); lap("e"); return r;
}
