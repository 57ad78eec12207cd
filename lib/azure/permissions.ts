import "server-only";

/** What Vertask reads from Graph; each needs one application permission (the setup guide's "apiPermissions" step). */
export type GraphResource = "users" | "devices" | "groups" | "organization" | "managedDevices";

export type GraphPermission =
  | "User.Read.All"
  | "Device.Read.All"
  | "GroupMember.Read.All"
  | "Organization.Read.All"
  | "DeviceManagementManagedDevices.Read.All";

export const PERMISSION_FOR_RESOURCE: Record<GraphResource, GraphPermission> = {
  users: "User.Read.All",
  devices: "Device.Read.All",
  groups: "GroupMember.Read.All",
  // Optional: the tenant's name and verified domains, shown to a superuser confirming a consent.
  organization: "Organization.Read.All",
  // Optional: Intune's managed devices (serial number, compliance, last check-in…); a devices sync without it
  // reads Entra only.
  managedDevices: "DeviceManagementManagedDevices.Read.All",
};

// Broader permissions an administrator may have granted instead; any of them is enough.
const PERMISSIONS_THAT_SATISFY: Record<GraphPermission, string[]> = {
  "User.Read.All": ["User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"],
  "Device.Read.All": ["Device.Read.All", "Device.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"],
  "GroupMember.Read.All": [
    "GroupMember.Read.All",
    "Group.Read.All",
    "Group.ReadWrite.All",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
  ],
  "Organization.Read.All": [
    "Organization.Read.All",
    "Organization.ReadWrite.All",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
  ],
  // "List managedDevices" (learn.microsoft.com/graph/api/intune-devices-manageddevice-list): either is enough.
  "DeviceManagementManagedDevices.Read.All": [
    "DeviceManagementManagedDevices.Read.All",
    "DeviceManagementManagedDevices.ReadWrite.All",
  ],
};

/** What the app needs: users and devices always, group members once the users sync is scoped by group. */
export function neededPermissions({ groupScope }: { groupScope: boolean }): GraphPermission[] {
  return groupScope
    ? ["User.Read.All", "Device.Read.All", "GroupMember.Read.All"]
    : ["User.Read.All", "Device.Read.All"];
}

export function isPermissionGranted(permission: GraphPermission, roles: readonly string[]) {
  return PERMISSIONS_THAT_SATISFY[permission].some((role) => roles.includes(role));
}
