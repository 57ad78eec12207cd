import { z } from "zod";
import type { Client } from "@/db/schema";
import { userFields, writtenColumns } from "@/lib/synced-fields";

/**
 * What staff type for a client, by hand or in a CSV file, and the column each is kept in: the columns a
 * sync fills for clients from Microsoft Entra, so the list and the client's page show both alike.
 */
export const clientFieldColumns = {
  name: "displayName",
  mail: "mail",
  phone: "mobilePhone",
  company: "companyName",
  notes: "notes",
} as const satisfies Record<string, keyof Client>;

export type ClientField = keyof typeof clientFieldColumns;

export const clientFieldLabels: Record<ClientField, string> = {
  name: "Name",
  mail: "Mail",
  phone: "Phone",
  company: "Company",
  notes: "Notes",
};

const clientFieldLimits: Record<ClientField, number> = { name: 256, mail: 254, phone: 64, company: 256, notes: 10_000 };

const emailAddress = z.email();

const limited = (field: ClientField) =>
  z
    .string()
    .trim()
    .max(
      clientFieldLimits[field],
      `${clientFieldLabels[field]} is longer than ${clientFieldLimits[field].toLocaleString("en")} characters.`,
    );

const optional = (field: ClientField) =>
  limited(field)
    .optional()
    .transform((value) => value || null);

/** The fields of a client added by hand; the messages read right beside a form's field and in an import's preview. */
export const clientFields = z.object({
  name: z.string("Name is missing.").trim().min(1, "Name is missing.").pipe(limited("name")),
  mail: optional("mail").refine(
    (mail) => mail === null || emailAddress.safeParse(mail).success,
    "Mail is not an address like name@example.com.",
  ),
  phone: optional("phone"),
  company: optional("company"),
  notes: optional("notes"),
});

export type ClientFields = z.output<typeof clientFields>;

/**
 * The Organization a client added by hand belongs to, as a form's select sends it: the select shows only
 * with two or more organizations, so it may be absent (then the only organization is meant).
 */
export const organizationChoice = z.object({
  organizationId: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((value) => value || null),
});

/** The columns a sync writes: on a client from Microsoft Entra they are kept in step with it, not edited here. */
const syncedColumns = new Set<string>(writtenColumns(userFields));

export const syncedClientFields = (Object.keys(clientFieldColumns) as ClientField[]).filter((field) =>
  syncedColumns.has(clientFieldColumns[field]),
);

/** The column values for the fields given (an edit names only the fields it changes). */
export function clientColumnValues(fields: Partial<ClientFields>) {
  const values: Record<string, string | null> = {};
  for (const field of Object.keys(fields) as ClientField[]) {
    if (field in clientFieldColumns && fields[field] !== undefined) values[clientFieldColumns[field]] = fields[field];
  }
  return values as { [F in ClientField as (typeof clientFieldColumns)[F]]?: ClientFields[F] };
}

/** A client's values of the fields staff type, read from their columns (what an edit form starts from). */
export function clientFieldValues(client: Pick<Client, (typeof clientFieldColumns)[ClientField]>) {
  return Object.fromEntries(
    (Object.keys(clientFieldColumns) as ClientField[]).map((field) => [field, client[clientFieldColumns[field]]]),
  ) as Record<ClientField, string | null>;
}

/** The row of a client added by hand: active, in its organization, with no Entra connection, so no sync ever changes it. */
export const newClientValues = (fields: ClientFields, organizationId: string) => ({
  ...clientColumnValues(fields),
  displayName: fields.name,
  organizationId,
  source: "manual" as const,
  status: "active" as const,
});

/** How two mails are compared: "Ann@X.example " is "ann@x.example". */
export const mailKey = (mail: string) => mail.trim().toLowerCase();
