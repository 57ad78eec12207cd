import { z } from "zod";
import { uuidField } from "@/db/is-uuid";

const domainPattern = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** "Add organization" and its rename: a name, and optionally the domain its people's addresses end with. */
export const organizationForm = z.object({
  organizationId: uuidField("Choose an organization to rename.").optional(),
  name: z
    .string()
    .default("")
    .transform((value) => value.trim().replace(/\s+/g, " "))
    .pipe(z.string().min(1, "Enter the organization's name.").max(200, "Keep the name under 200 characters.")),
  primaryDomain: z
    .string()
    .default("")
    .transform((value) => value.trim().toLowerCase().replace(/^@/, ""))
    .refine(
      (value) => !value || domainPattern.test(value),
      "Enter a domain such as contoso.com, without https:// or a path.",
    ),
});

export type OrganizationForm = z.output<typeof organizationForm>;
