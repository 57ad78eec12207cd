// The groups of a generated tenant: a fixed set, nested (All Staff holds Sales and Engineering, Engineering
// holds Platform Team), and which generated users are direct members of which, computed from (seed, index).
import { daysBefore, generateUser, type TenantShape } from "./generated-objects";
import { mix, objectId, randomSequence } from "./ids";

export type FakeGroup = {
  id: string;
  displayName: string;
  description: string | null;
  mail: string | null;
  mailEnabled: boolean;
  mailNickname: string;
  securityEnabled: boolean;
  groupTypes: string[];
  visibility: "Public" | "Private" | null;
  createdDateTime: string;
};

export type GroupTemplate = { displayName: string; description: string | null; microsoft365?: boolean };

// Indexes of the generated groups.
const ALL_STAFF = 0;
const SALES = 1;
const ENGINEERING = 2;
const PLATFORM_TEAM = 3;
const CONTRACTORS = 4;
const SERVICE_ACCOUNTS = 5;
const FINANCE = 6;
const DATA_GUILD = 7;

const GENERATED_GROUPS: GroupTemplate[] = [
  { displayName: "All Staff", description: "Everyone who works here", microsoft365: true },
  { displayName: "Sales", description: "The sales department" },
  { displayName: "Engineering", description: "Engineers, the Platform Team included" },
  { displayName: "Platform Team", description: "Builds and runs the internal platform" },
  { displayName: "Contractors", description: "People from other companies who work with us" },
  { displayName: "Service Accounts", description: "Accounts that are not people" },
  { displayName: "Finance", description: "The finance department" },
  // Its name has "Engineering" in it without starting with it: $search finds it, startswith() does not.
  { displayName: "Data Engineering Guild", description: "Engineers who work with data, across teams" },
];

export const GENERATED_GROUP_COUNT = GENERATED_GROUPS.length;

/** Groups nested in groups: [parent, child]. */
export const GENERATED_NESTING: readonly [number, number][] = [
  [ALL_STAFF, SALES],
  [ALL_STAFF, ENGINEERING],
  [ENGINEERING, PLATFORM_TEAM],
];

/** A Microsoft 365 group has a mailbox; the others are security groups. */
export function groupProperties(
  template: GroupTemplate,
  domain: string,
  createdDateTime: string,
): Omit<FakeGroup, "id"> {
  const mailNickname = template.displayName.replace(/[^A-Za-z0-9]/g, "") || "group";
  return {
    displayName: template.displayName,
    description: template.description,
    mail: template.microsoft365 ? `${mailNickname}@${domain}` : null,
    mailEnabled: Boolean(template.microsoft365),
    mailNickname,
    securityEnabled: !template.microsoft365,
    groupTypes: template.microsoft365 ? ["Unified"] : [],
    visibility: template.microsoft365 ? "Public" : null,
    createdDateTime,
  };
}

export function generateGroup(shape: TenantShape, index: number): FakeGroup {
  const random = randomSequence(mix(shape.tenantHash ^ 0x6e0c9, index));
  return {
    id: objectId(shape.tenantHash, "group", index),
    ...groupProperties(GENERATED_GROUPS[index], shape.domain, daysBefore(random, 2000)),
  };
}

/** The generated groups a generated user is directly in; users added later are in none. */
export function generatedGroupIndexesOfUser(shape: TenantShape, index: number): number[] {
  if (index >= shape.userCount) return [];
  if (shape.serviceAccounts.has(index)) return [SERVICE_ACCOUNTS];
  const user = generateUser(shape, index);
  const random = randomSequence(mix(shape.tenantHash ^ 0x6e0b5, index));
  if (user.externalUserState !== null) return random() < 0.6 ? [CONTRACTORS] : [];
  // A few members are in no group yet: a new starter, a forgotten account.
  if (random() < 0.05) return [];
  const groups: number[] = [];
  if (user.department === "Sales") groups.push(SALES);
  if (user.department === "Finance") groups.push(FINANCE);
  if (user.department === "Engineering") {
    groups.push(random() < 0.4 ? PLATFORM_TEAM : ENGINEERING);
    if (random() < 0.3) groups.push(DATA_GUILD);
  }
  // Sales and Engineering are inside All Staff; some of their people are in it directly too, as happens.
  const inNestedGroup = groups.some((group) => group === SALES || group === ENGINEERING || group === PLATFORM_TEAM);
  if (!inNestedGroup || random() < 0.1) groups.push(ALL_STAFF);
  if (user.jobTitle === "Consultant" && random() < 0.5) groups.push(CONTRACTORS);
  return groups;
}
