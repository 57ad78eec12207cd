import "server-only";
import { clients } from "@/db/schema";
import { fetchUsersDeltaPage, type DeltaPage, type GraphUserChange } from "@/lib/azure";
import { decidePage, type PageDecision, type PageRules } from "./decide-page";
import { externalOffReason } from "./pending-changes";
import { clientColumns, clientFieldsFrom, type ClientFields } from "./record-fields";
import type { PageListing } from "./page-steps";
import { knownRecords, writePage } from "./write-page";

export function userRules(syncExternalUsers: boolean): PageRules<GraphUserChange, ClientFields> {
  return {
    noun: "user",
    fieldsFrom: clientFieldsFrom,
    isEnabled: (fields) => fields.accountEnabled,
    skipReason: (fields) => (fields.isExternal && !syncExternalUsers ? externalOffReason : null),
  };
}

type UsersDeltaPage = Extract<DeltaPage<GraphUserChange>, { fullResyncNeeded: false }>;

/** Users listed through Graph delta, one page written atomically (see syncPages). */
export const usersListing: PageListing<UsersDeltaPage, PageDecision<ClientFields>> = {
  fetch: (graph, link) => fetchUsersDeltaPage(graph, link),
  async prepare(plan, page) {
    const ids = page.changes.map((change) => (change.type === "upsert" ? change.item.id : change.id));
    const known = await knownRecords<ClientFields>(clients, plan.connectionId, ids, clientColumns);
    return decidePage(userRules(plan.syncExternalUsers), page.changes, known);
  },
  write(plan, pageIndex, page, decision) {
    const pageInfo = { runId: plan.runId, pageIndex, connectionId: plan.connectionId, syncedAt: new Date(plan.syncedAt) };
    return writePage(clients, pageInfo, decision, { nextLink: page.nextLink, deltaLink: page.deltaLink });
  },
};
