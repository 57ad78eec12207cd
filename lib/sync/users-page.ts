import "server-only";
import { sql } from "drizzle-orm";
import { clients, type Client } from "@/db/schema";
import {
  fetchUsersDeltaLinkFromNow,
  fetchUsersDeltaPage,
  fetchUsersPage,
  type DeltaPage,
  type GraphUserChange,
} from "@/lib/azure";
import { decidePage, decidedAlongside, type HandMadeMatch, type PageDecision, type PageRules } from "./decide-page";
import { handMadeMatcher } from "./hand-made-matches";
import { externalOffReason } from "./pending-changes";
import { clientColumns, clientFieldsFrom, withTypedByHand, type ClientFields } from "./record-fields";
import type { PageListing } from "./page-steps";
import { kindListings } from "./plain-listing";
import type { RunPlan } from "./run-plan";
import { leftScopeReason, scopeSkipReason } from "./users-scope";
import { executePrepared, knownRecords, writePage } from "./write-page";

type KnownClient = ClientFields & Pick<Client, "typedByHand">;
type UserLookups = {
  inChosenGroups: (objectId: string) => boolean;
  handMadeMatch: (fields: ClientFields) => HandMadeMatch;
};

function userRules(
  plan: Pick<RunPlan, "syncExternalUsers" | "usersScope">,
  lookups: UserLookups,
): PageRules<GraphUserChange, ClientFields> {
  return {
    noun: "user",
    // A client taken over from one added by hand keeps what was typed where Entra has nothing.
    fieldsFrom: (change, kept) =>
      withTypedByHand(clientFieldsFrom(change, kept), (kept as Partial<KnownClient> | undefined)?.typedByHand),
    isEnabled: (fields) => fields.accountEnabled,
    skipReason(fields, objectId, existing) {
      if (fields.isExternal && !plan.syncExternalUsers) return externalOffReason;
      return plan.usersScope
        ? scopeSkipReason(plan.usersScope, fields, () => lookups.inChosenGroups(objectId), !existing)
        : null;
    },
    removalReason: (reason) => (reason === externalOffReason ? reason : leftScopeReason(reason)),
    handMadeMatch: lookups.handMadeMatch,
    toldFields: toldClientFields,
  };
}

/** Every synced field but the account's enabled flag, which the history tells as "disabled" or "enabled". */
const toldClientFields = clientColumns.filter((column) => column !== "accountEnabled");

/** Which of these users a group-scoped run listed in its chosen groups. */
async function chosenGroupMembers(plan: RunPlan, objectIds: string[]) {
  if (plan.usersScope?.mode !== "groups" || !objectIds.length) return new Set<string>();
  const rows = await executePrepared(sql`
    SELECT object_id FROM sync_scope_members WHERE run_id = ${plan.runId} AND object_id = ANY(${sql.param(objectIds)}::text[])`);
  return new Set(rows.map((row) => row.object_id as string));
}

type UsersDeltaPage = Extract<DeltaPage<GraphUserChange>, { fullResyncNeeded: false }>;

/** A preview writes each page's counts, what it would disable or remove, and whom it listed; no client. */
const previewOnly = <F>(decision: PageDecision<F>): PageDecision<F> => ({
  ...decision,
  inserts: [],
  updates: [],
  adoptions: [],
  unchangedIds: [],
  events: [],
});
const listedIds = (page: UsersDeltaPage) =>
  page.changes.flatMap((change) => (change.type === "upsert" ? [change.item.id] : []));

type UsersListing = PageListing<UsersDeltaPage, PageDecision<ClientFields>>;

/** How a page of users is decided and written, however it was listed. */
const decideAndWrite: Pick<UsersListing, "prepare" | "write" | "preparedAlongside"> = {
  async prepare(plan, page) {
    const ids = page.changes.map((change) => (change.type === "upsert" ? change.item.id : change.id));
    const users = page.changes.flatMap((change) => (change.type === "upsert" ? [change.item] : []));
    const [known, members, handMadeMatch] = await Promise.all([
      knownRecords<KnownClient>(clients, plan.connectionId, ids, [...clientColumns, "typedByHand"]),
      chosenGroupMembers(plan, ids),
      handMadeMatcher(plan.connectionId, users),
    ]);
    return decidePage(userRules(plan, { inChosenGroups: (id) => members.has(id), handMadeMatch }), page.changes, known);
  },
  write: (plan, pageIndex, page, decision) =>
    plan.preview
      ? writePage(clients, plan, pageIndex, previewOnly(decision), page, listedIds(page))
      : writePage(clients, plan, pageIndex, decision, page),
  preparedAlongside: decidedAlongside,
};

/**
 * What changed since a delta link through Graph's delta query (200 users a page at most); or every user
 * through the plain listing, after a delta link from now (see kindListings).
 */
export const {
  delta: usersListing,
  full: usersFullListing,
  deltaLinkFromNow: usersDeltaLinkFromNow,
} = kindListings(
  { fetchDeltaPage: fetchUsersDeltaPage, fetchPage: fetchUsersPage, fetchDeltaLinkFromNow: fetchUsersDeltaLinkFromNow },
  decideAndWrite,
);
