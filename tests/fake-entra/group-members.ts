// A group's members as Graph lists them: `/groups/{id}/members` (its direct users and groups) and
// `/groups/{id}/transitiveMembers` (with those of every nested group, each once), optionally cast to one type
// (`/transitiveMembers/microsoft.graph.user`).
import { parseSearch, wantsCount } from "./advanced-query";
import type { FakeTenant } from "./fake-tenant";
import { contextLink, type CollectionContext } from "./graph-collections";
import { defaultsOf, propertiesOf, searchableOf } from "./graph-properties";
import { ODataError, parseFilter, parseSelect, parseTop, project, type Predicate } from "./odata-query";
import { decodeToken, encodeToken, linkWith, optionsToCarry, type MemberCursor } from "./page-tokens";
import { json, type FakeResponse } from "./responses";

export type MemberKind = "user" | "group";
export type MemberListing = { groupId: string; relation: "members" | "transitiveMembers"; cast: MemberKind | null };

type Candidate = { kind: MemberKind; value: Record<string, unknown>; next: MemberCursor };

const CASTS: Record<string, MemberKind> = { "microsoft.graph.user": "user", "microsoft.graph.group": "group" };

/** The type a cast segment names, null without one, undefined for one the fake does not know. */
export const castOf = (segment: string | undefined): MemberKind | null | undefined => (segment ? CASTS[segment] : null);

const MIXED_PROPERTIES = [...new Set([...propertiesOf("user"), ...propertiesOf("group")])];

/** Each type's selected properties; without a cast, $select may name a property of either type. */
function selectByKind(cast: MemberKind | null, value: string | null): Record<MemberKind, string[]> {
  if (cast) {
    const selected = parseSelect(cast, value, propertiesOf(cast), defaultsOf(cast));
    return { user: selected, group: selected };
  }
  if (!value) return { user: defaultsOf("user"), group: defaultsOf("group") };
  const names = parseSelect("directoryObject", value, MIXED_PROPERTIES, []);
  return {
    user: names.filter((name) => propertiesOf("user").includes(name)),
    group: names.filter((name) => propertiesOf("group").includes(name)),
  };
}

/** Member groups first, then member users in index order, each with the cursor that resumes after it. */
function* candidates(tenant: FakeTenant, listing: MemberListing, from: MemberCursor): Generator<Candidate> {
  const transitive = listing.relation === "transitiveMembers";
  if (listing.cast !== "user" && from.among === "groups") {
    const ids = tenant.memberships.memberGroupIds(listing.groupId, transitive);
    for (let position = from.position; position < ids.length; position++) {
      yield {
        kind: "group",
        value: tenant.groups.find(ids[position])!.value,
        next: { among: "groups", position: position + 1 },
      };
    }
  }
  if (listing.cast === "group") return;
  const isMember = tenant.memberships.userTest(listing.groupId, transitive);
  for (let position = from.among === "users" ? from.position : 0; position < tenant.users.end; position++) {
    if (!isMember(position)) continue;
    const stored = tenant.users.at(position);
    if (stored.state === "active")
      yield { kind: "user", value: stored.value, next: { among: "users", position: position + 1 } };
  }
}

export function membersPage(
  context: CollectionContext,
  tenant: FakeTenant,
  listing: MemberListing,
  query: URLSearchParams,
  eventual: boolean,
): FakeResponse {
  const { cast } = listing;
  if (query.get("$expand"))
    throw new ODataError("Request_BadRequest", "Expanding this property is not supported here.");
  const select = selectByKind(cast, query.get("$select"));
  const top = parseTop(query.get("$top"), 100);
  const filter = parseFilter(query.get("$filter"), cast ? propertiesOf(cast) : MIXED_PROPERTIES);
  // Graph searches a group's members on displayName and description.
  const search = parseSearch(
    query.get("$search"),
    eventual,
    cast ? searchableOf(cast) : ["displayName", "description"],
  );
  const matches: Predicate = (value) => filter(value) && search(value);
  const start = decodeToken<MemberCursor>(query.get("$skiptoken")) ?? { among: "groups", position: 0 };

  const value: Record<string, unknown>[] = [];
  let resumeAt: MemberCursor | null = null;
  let after = start;
  for (const candidate of candidates(tenant, listing, start)) {
    if (matches(candidate.value)) {
      if (value.length === top) {
        resumeAt = after;
        break;
      }
      const item = project(candidate.value, select[candidate.kind]);
      // A cast answers in that type, so its items need no @odata.type.
      value.push(cast ? item : { "@odata.type": `#microsoft.graph.${candidate.kind}`, ...item });
    }
    after = candidate.next;
  }

  const path = `groups/${listing.groupId}/${listing.relation}${cast ? `/microsoft.graph.${cast}` : ""}`;
  const nextLink = resumeAt
    ? {
        "@odata.nextLink": linkWith(context.baseUrl, path, {
          ...optionsToCarry(query),
          $skiptoken: encodeToken(resumeAt),
        }),
      }
    : {};
  const count = wantsCount(query, eventual) ? { "@odata.count": countMatches(tenant, listing, matches) } : {};
  const metadata = cast
    ? contextLink(context, `${cast}s`, select[cast])
    : `${context.baseUrl}/v1.0/$metadata#directoryObjects`;
  return json(200, { "@odata.context": metadata, ...count, ...nextLink, value });
}

function countMatches(tenant: FakeTenant, listing: MemberListing, matches: Predicate) {
  let count = 0;
  for (const candidate of candidates(tenant, listing, { among: "groups", position: 0 }))
    if (matches(candidate.value)) count++;
  return count;
}
