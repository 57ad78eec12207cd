import { z } from "zod";
import type { Client } from "@/db/schema";
import { syncedFieldsOf } from "./declaration";

const { stored, converted, listedOnly, declare } = syncedFieldsOf<Client>();

const assignedLicense = z.object({ skuId: z.string().nullish() }).passthrough();

/** Guests, and external people invited as members, whose principal name carries #EXT#. */
export function isExternalUser(userType: string | null | undefined, userPrincipalName: string | null | undefined) {
  return userType === "Guest" || Boolean(userPrincipalName?.includes("#EXT#"));
}

/** The Entra user properties Vertask syncs into `clients` (see declaration.ts). */
export const userFields = declare({
  graph: {
    displayName: stored(z.string(), "displayName"),
    givenName: stored(z.string(), "givenName"),
    surname: stored(z.string(), "surname"),
    mail: stored(z.string(), "mail"),
    userPrincipalName: stored(z.string(), "userPrincipalName"),
    userType: stored(z.string(), "userType"),
    accountEnabled: stored(z.boolean(), "accountEnabled", { whenEmpty: true }),
    jobTitle: stored(z.string(), "jobTitle"),
    department: stored(z.string(), "department"),
    companyName: stored(z.string(), "companyName"),
    officeLocation: stored(z.string(), "officeLocation"),
    mobilePhone: stored(z.string(), "mobilePhone"),
    businessPhones: stored(z.array(z.string()), "businessPhones", { whenEmpty: [] }),
    // Only whether there is one: the "skip accounts with no licence" rule needs no more.
    assignedLicenses: converted(z.array(assignedLicense), "licensed", (licences) => licences.length > 0),
    // Listed and checked with every user, not stored: `clients` has no column for it.
    externalUserState: listedOnly(z.string()),
  },
  computed: {
    isExternal: (row) => isExternalUser(row.userType, row.userPrincipalName),
  },
  // A user without a display name is shown by its principal name.
  name: (row) => row.displayName ?? row.userPrincipalName,
});
