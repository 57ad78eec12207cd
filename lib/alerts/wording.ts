import type { AlertCondition, AlertMail, SyncKind } from "@/db/schema";
import { appUrl } from "@/lib/mail/app-url";
import { frequencyLabels } from "@/lib/connections";
import { headlines } from "./conditions";

// The words a condition shows: what happened and what to do. Built from classified messages only, never a secret.

export const syncFailedSummary = (kind: SyncKind, errorMessage: string | null) =>
  `Syncing ${kind} failed: ${errorMessage ?? "the run stopped without a reason."}`;

export const needsReviewSummary = (kind: SyncKind, reviewNote: string | null) =>
  [
    `A sync of ${kind} stopped as Needs review:`,
    reviewNote,
    "Nothing was disabled or removed: check it in the run history and choose Apply anyway, or fix the cause and sync again.",
  ]
    .filter(Boolean)
    .join(" ");

export const connectionCheckSummary = (reportSummary: string) => `Test connection would fail now: ${reportSummary}`;

export const scheduleStalledSummary = (kind: SyncKind, frequency: keyof typeof frequencyLabels, since: Date) =>
  `Scheduled syncs of ${kind} (${frequencyLabels[frequency]}) have not succeeded for two intervals in a row, since ${since.toISOString().slice(0, 16).replace("T", " ")} UTC. Check the run history, and that the job engine is running.`;

export const microsoftAzureTabPath = "/settings/azure/microsoft-azure";
const yourAlertsPath = "/settings/alerts";
export const providerAppPath = "/settings/organizations/provider-app";
export const organizationPath = (organizationId: string) => `/settings/organizations/${organizationId}`;

/**
 * Whom a condition is about, as the words name it: an organization (named, and linked to, only when there are
 * two or more: with one, Vertask reads as it did before organizations), or the provider's app (always named).
 */
export type AlertAbout = { organization: { id: string; name: string } | null } | { providerApp: true };

const providerAppName = "Provider app";

/** "Contoso: …" when an organization is to be named (there are two or more); the words alone otherwise. */
export const aboutOrganization = (organizationName: string | null, words: string) =>
  organizationName ? `${organizationName}: ${words}` : words;

const nameIn = (about: AlertAbout) => ("providerApp" in about ? providerAppName : (about.organization?.name ?? null));

/** Where the mail sends a superuser to act: the provider app's page, or the connection's Microsoft Azure tab. */
function placeToAct(about: AlertAbout): [label: string, path: string] {
  if ("providerApp" in about) return ["Provider app", providerAppPath];
  return [
    "Microsoft Azure tab",
    about.organization ? `${organizationPath(about.organization.id)}/microsoft-azure` : microsoftAzureTabPath,
  ];
}

/**
 * One plain, short mail per condition event: what happened (and to which organization, when there are two or
 * more, or to the provider app), what to do, where, and how to stop these mails.
 */
export function alertMailContent(
  condition: AlertCondition,
  kind: AlertMail["kind"],
  about: AlertAbout,
): Pick<AlertMail, "subject" | "text"> {
  const headline = headlines(condition.conditionKey, condition.stage);
  const cleared = kind === "cleared";
  const name = nameIn(about);
  const [label, path] = placeToAct(about);
  const subject = `Vertask: ${aboutOrganization(name, cleared ? headline.cleared : headline.raised)}`;
  const body = aboutOrganization(
    name,
    cleared ? `Resolved: ${headline.cleared}. Earlier: ${condition.summary}` : condition.summary,
  );
  const text = [
    body,
    "",
    `${label}: ${appUrl()}${path}`,
    "",
    `You get one mail when a problem starts and one when it clears. To turn alert mail off for yourself: ${appUrl()}${yourAlertsPath}`,
  ].join("\n");
  return { subject, text };
}
