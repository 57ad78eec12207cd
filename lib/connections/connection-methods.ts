import type { ConnectionMethod } from "@/db/schema";

/** Each way to connect an organization as the pages name it (client components import this: no db code loads). */
export const connectionMethodLabels = {
  own_app: "Its own app registration",
  provider_app: "The provider's multi-tenant app",
} as const satisfies Record<ConnectionMethod, string>;

export const connectionMethodChoices = Object.entries(connectionMethodLabels).map(([value, label]) => ({
  value,
  label,
}));
