import type { SyncKind } from "@/db/schema";

/**
 * How `npm run sync -- … --organization X` can name an organization without quoting: its name when that is one
 * plain word (names are unique, whatever their case), else its id. The command takes either (cli/sync/organizations.ts).
 */
export function organizationArgument(organization: { id: string; name: string }) {
  return /^[\w.-]+$/.test(organization.name) ? organization.name : organization.id;
}

/** The command that does on the server what Sync now (or Preview) asks the job engine to do. */
export function syncCommandLine(kind: SyncKind, organization: string, { preview = false } = {}) {
  return `npm run sync -- ${kind}${preview ? " --preview" : ""} --organization ${organization}`;
}
