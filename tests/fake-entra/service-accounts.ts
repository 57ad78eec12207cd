// Accounts that are not people: a backup service, a scanner, a no-reply sender, a meeting room, a shared
// mailbox, a break-glass administrator. Real tenants have a few; an administrator usually leaves them out
// of a sync. They take the place of a few generated members, so a tenant keeps the size it was asked for.
import type { FakeUser } from "./generated-objects";
import { mix, randomSequence } from "./ids";
import { licences, SKU_IDS } from "./licences";

export type ServiceAccount = {
  /** The part of the userPrincipalName (and mail) before the @. */
  localPart: string;
  displayName: string;
  hasMailbox: boolean;
  skuIds: string[];
  officeLocation?: string;
};

export const SERVICE_ACCOUNTS: readonly ServiceAccount[] = [
  { localPart: "svc-backup", displayName: "Backup Service", hasMailbox: false, skuIds: [] },
  // A scanner that sends scans by mail needs a mailbox, so it is the one licensed account here.
  { localPart: "svc-scanner", displayName: "Scan to Email", hasMailbox: true, skuIds: [SKU_IDS.exchangeOnlinePlan1] },
  { localPart: "noreply", displayName: "No Reply", hasMailbox: true, skuIds: [] },
  { localPart: "room-boardroom", displayName: "Boardroom", hasMailbox: true, skuIds: [], officeLocation: "London" },
  { localPart: "info", displayName: "Info", hasMailbox: true, skuIds: [] },
  { localPart: "breakglass-admin", displayName: "Break Glass Administrator", hasMailbox: false, skuIds: [] },
];

/** Smaller tenants have none, so tests that count a handful of users keep their numbers. */
export const SERVICE_ACCOUNTS_FROM_USERS = 50;

/**
 * Where each service account sits: from a seeded start, the next index that holds an enabled member
 * (so the tenant's numbers of guests, external and disabled users stay as they were).
 */
export function placeServiceAccounts(
  tenantHash: number,
  userCount: number,
  isEnabledMember: (index: number) => boolean,
) {
  const placed = new Map<number, ServiceAccount>();
  if (userCount < SERVICE_ACCOUNTS_FROM_USERS) return placed;
  const random = randomSequence(mix(tenantHash ^ 0x5e41ce, userCount));
  for (const account of SERVICE_ACCOUNTS) {
    const start = Math.floor(random() * userCount);
    for (let step = 0; step < userCount; step++) {
      const index = (start + step) % userCount;
      if (placed.has(index) || !isEnabledMember(index)) continue;
      placed.set(index, account);
      break;
    }
  }
  return placed;
}

/** The generated user at that index, turned into the service account: same id, state and creation date. */
export function asServiceAccount(user: FakeUser, account: ServiceAccount, domain: string): FakeUser {
  const address = `${account.localPart}@${domain}`;
  return {
    ...user,
    displayName: account.displayName,
    givenName: null,
    surname: null,
    mail: account.hasMailbox ? address : null,
    userPrincipalName: address,
    jobTitle: null,
    department: null,
    officeLocation: account.officeLocation ?? null,
    mobilePhone: null,
    businessPhones: [],
    assignedLicenses: licences(...account.skuIds),
  };
}
