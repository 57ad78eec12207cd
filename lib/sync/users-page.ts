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

/** One step: fetch one page of users from Graph and write it atomically. */
export async function syncUsersPage(plan: RunPlan, pageIndex: number, link: string | null, options: GraphOptions = {}): Promise<PageStepResult> {
  const done = await writtenPage(plan.runId, pageIndex);
  if (done) return done;
  const { settings } = await loadConnection(plan.connectionId);
  const page = await fetchUsersDeltaPage(settings, link, options);
  if (page.fullResyncNeeded) return { fullResyncNeeded: true, reason: page.reason };
  const ids = page.changes.map((change) => (change.type === "upsert" ? change.item.id : change.id));
  const known = await knownRecords<ClientFields>(clients, plan.connectionId, ids, comparedFields);
  const decision = decidePage(userRules(plan.syncExternalUsers), page.changes, known);
  const pageInfo = { runId: plan.runId, pageIndex, connectionId: plan.connectionId, syncedAt: new Date(plan.syncedAt) };
  return writePage(clients, pageInfo, decision, { nextLink: page.nextLink, deltaLink: page.deltaLink });
}
