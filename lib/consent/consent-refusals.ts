import { ActionRefused } from "@/lib/auth/action-refused";

/**
 * Why an answer from the admin consent page recorded nothing. Each has words for anyone (the customer's administrator
 * sees them on a page that names nothing else); the superuser's page shows the recorded message, which may say more.
 */
export type ConsentRefusal =
  "unknown" | "used" | "expired" | "void" | "not-recorded" | "wrong-tenant" | "tenant-taken" | "app-changed";

export const consentRefusalMessages: Record<ConsentRefusal, string> = {
  unknown:
    "This consent answer does not come from a link Vertask made: nothing was recorded. Ask your IT provider for a new admin consent link.",
  used: "This consent answer was already received once: nothing more was recorded.",
  expired:
    "This admin consent link expired (links work for 7 days): nothing was recorded. Ask your IT provider for a new one.",
  void: "This admin consent link was withdrawn because the organization's connection or your IT provider's app changed after it was made: nothing was recorded. Ask your IT provider for a new link.",
  "not-recorded":
    "The organization no longer connects with the provider's app, or the provider's app changed meanwhile: nothing was recorded. Get a new admin consent link.",
  "wrong-tenant":
    "This admin consent link was made for another Microsoft Entra tenant than the one that answered: nothing was recorded. Open the link signed in as an administrator of the organization it was made for, or ask your IT provider for a new link.",
  "tenant-taken":
    "This Microsoft Entra tenant is already connected to another organization at your IT provider: nothing was recorded.",
  "app-changed":
    "Your IT provider's app changed after this link was made: nothing was recorded. Ask your IT provider for a new admin consent link.",
};

/** A refused answer; `organizationId` when the link was found (the superuser is then shown that organization's page). */
export class ConsentRefused extends ActionRefused {
  constructor(
    readonly reason: ConsentRefusal,
    readonly organizationId: string | null,
  ) {
    super(consentRefusalMessages[reason]);
  }
}

/** The words for a refusal named in an address (?refusal=…), or null for anything else. */
export const consentRefusalMessage = (reason: unknown) =>
  typeof reason === "string" && Object.hasOwn(consentRefusalMessages, reason)
    ? consentRefusalMessages[reason as ConsentRefusal]
    : null;
