import "server-only";
import { classifyEntraError } from "./errors/classify";
import type { EntraConnectionSettings } from "./connection";
import { adminConsentUrl } from "./endpoints";
import { fetchDevicesPage } from "./devices";
import { missingPermissionSentence } from "./errors/messages";
import type { ClassifiedEntraError } from "./errors/entra-error";
import { openGraphSession, type GraphOptions, type GraphSession } from "./graph-session";
import { fetchGroupMemberIdsPage } from "./groups";
import { isPermissionGranted, neededPermissions, type GraphPermission } from "./permissions";
import { grantedRoles } from "./token";
import { fetchUsersPage } from "./users";

export type CheckStep = { status: "ok" } | { status: "failed"; error: ClassifiedEntraError } | { status: "skipped" };

type PermissionCheck = { permission: GraphPermission; status: "granted" | "missing" | "unknown" };

/** The optional Intune permission: without it a devices sync reads Entra only, and the connection still works. */
type IntuneCheck = {
  permission: "DeviceManagementManagedDevices.Read.All";
  status: "granted" | "not_granted" | "unknown";
};

/** What "Test connection" shows: each thing that must work, and the first thing to fix. */
export type EntraConnectionReport = {
  ok: boolean;
  token: CheckStep;
  permissions: PermissionCheck[];
  intune: IntuneCheck;
  readUser: CheckStep;
  readDevice: CheckStep;
  /** Only when the users sync is scoped by group: the first chosen group's members were read. */
  readGroupMembers: CheckStep | null;
  consentUrl: string;
  /** One sentence: all is well, or the first problem in the order an administrator would fix them. */
  summary: string;
};

async function attempt(settings: EntraConnectionSettings, run: () => Promise<unknown>): Promise<CheckStep> {
  try {
    await run();
    return { status: "ok" };
  } catch (error) {
    return { status: "failed", error: classifyEntraError(error, settings) };
  }
}

function summarise(report: Omit<EntraConnectionReport, "ok" | "summary">): { ok: boolean; summary: string } {
  if (report.token.status === "failed") return { ok: false, summary: report.token.error.message };
  const missing = report.permissions.filter((p) => p.status === "missing").map((p) => p.permission);
  if (missing.length)
    return { ok: false, summary: missingPermissionSentence(missing.join(" and "), report.consentUrl) };
  for (const step of [report.readUser, report.readDevice, report.readGroupMembers]) {
    if (step?.status === "failed") return { ok: false, summary: step.error.message };
  }
  return report.readGroupMembers
    ? {
        ok: true,
        summary:
          "Connected: a token was obtained, User.Read.All, Device.Read.All and GroupMember.Read.All are granted, and a user, a device and a chosen group's members were read.",
      }
    : {
        ok: true,
        summary:
          "Connected: a token was obtained, User.Read.All and Device.Read.All are granted, and a user and a device were read.",
      };
}

function intuneCheck(roles: string[] | null): IntuneCheck {
  const permission = "DeviceManagementManagedDevices.Read.All";
  if (roles === null) return { permission, status: "unknown" };
  return { permission, status: isPermissionGranted(permission, roles) ? "granted" : "not_granted" };
}

/** A report for settings that cannot even ask for a token (an endpoint setting that is not https://). */
function reportWithoutToken(
  error: ClassifiedEntraError,
  needed: GraphPermission[],
  groupScope: boolean,
): EntraConnectionReport {
  const permissions = needed.map((permission): PermissionCheck => ({ permission, status: "unknown" }));
  const skipped: CheckStep = { status: "skipped" };
  const readGroupMembers = groupScope ? skipped : null;
  return {
    ok: false,
    token: { status: "failed", error },
    permissions,
    intune: intuneCheck(null),
    readUser: skipped,
    readDevice: skipped,
    readGroupMembers,
    consentUrl: "",
    summary: error.message,
  };
}

/**
 * Gets a fresh token (so a consent just granted shows), reads the granted permissions from its `roles`
 * claim, and reads one user and one device, and in group scope the first chosen group's members. Never
 * throws: every failure is in the report, classified.
 */
export async function checkEntraConnection(
  settings: EntraConnectionSettings,
  { groupIds = [], ...options }: GraphOptions & { groupIds?: string[] } = {},
): Promise<EntraConnectionReport> {
  const groupScope = groupIds.length > 0;
  const needed = neededPermissions({ groupScope });
  let graph: GraphSession;
  try {
    graph = openGraphSession(settings, options);
  } catch (error) {
    return reportWithoutToken(classifyEntraError(error, settings), needed, groupScope);
  }
  const { endpoints } = graph;
  const consentUrl = adminConsentUrl(settings, endpoints);
  let roles: string[] | null = null;
  let token: CheckStep;
  try {
    roles = grantedRoles((await graph.token({ forceRefresh: true })).accessToken);
    token = { status: "ok" };
  } catch (error) {
    token = { status: "failed", error: classifyEntraError(error, { ...settings, endpoints }) };
  }
  const granted = roles;
  const permissions = needed.map((permission): PermissionCheck => ({
    permission,
    status: granted === null ? "unknown" : isPermissionGranted(permission, granted) ? "granted" : "missing",
  }));
  const skipped: CheckStep = { status: "skipped" };
  const [readUser, readDevice, readGroupMembers]: CheckStep[] =
    token.status === "ok"
      ? await Promise.all([
          attempt(settings, () => fetchUsersPage(graph, null, { pageSize: 1 })),
          attempt(settings, () => fetchDevicesPage(graph, null, { pageSize: 1 })),
          groupScope ? attempt(settings, () => fetchGroupMemberIdsPage(graph, groupIds[0], null, 1)) : skipped,
        ])
      : [skipped, skipped, skipped];
  const partial = {
    token,
    permissions,
    intune: intuneCheck(granted),
    readUser,
    readDevice,
    readGroupMembers: groupScope ? readGroupMembers : null,
    consentUrl,
  };
  return { ...partial, ...summarise(partial) };
}
