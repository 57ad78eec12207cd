// The fake's Intune answers as "List managedDevices" documents them, over plain HTTPS.
import { describe, expect, it } from "vitest";
import { useFakeTenant } from "@/tests/azure/fake-tenant-harness";
import { CONTOSO } from "./default-tenants";
import { NO_ENTRA_DEVICE } from "./managed-devices";
import { graphGet } from "./plain-requests";

const fake = useFakeTenant({ users: 300, devices: 2_400, seed: "intune-checks" });
const graph = (path: string, app?: { clientId: string; secret: string }) => graphGet(fake(), path, app ? { app } : {});

type Page = { value: Record<string, unknown>[]; "@odata.nextLink"?: string };

describe("the fake tenant's Intune", () => {
  it("lists managed devices 1,000 a page with @odata.nextLink, only the $select-ed properties", async () => {
    const pages: Page[] = [];
    let link: string | undefined = "/v1.0/deviceManagement/managedDevices?$select=id,serialNumber,azureADDeviceId";
    while (link) {
      const response = await graph(link.replace(fake().url, ""));
      expect(response.status).toBe(200);
      const page = (await response.json()) as Page;
      pages.push(page);
      link = page["@odata.nextLink"];
    }
    const devices = pages.flatMap((page) => page.value);
    expect(pages.slice(0, -1).every((page) => page.value.length === 1000)).toBe(true);
    expect(Object.keys(devices[0]).sort()).toEqual(["azureADDeviceId", "id", "serialNumber"]);
    // Most devices enrolled (not Linux, about one in ten not), 60 only Intune has, one serial twice.
    expect(devices.length).toBeGreaterThan(1_600);
    expect(devices.length).toBeLessThan(2_200);
    expect(devices.filter((d) => d.azureADDeviceId === NO_ENTRA_DEVICE)).toHaveLength(60);
    const serials = devices.map((d) => d.serialNumber);
    expect(serials.length - new Set(serials).size).toBe(1);
  });

  it("has non-compliant, personal and unencrypted devices", async () => {
    const page = (await (await graph("/v1.0/deviceManagement/managedDevices")).json()) as Page;
    const values = (name: string) => new Set(page.value.map((d) => d[name]));
    expect(values("complianceState")).toEqual(new Set(["compliant", "noncompliant", "inGracePeriod", "unknown"]));
    expect(values("managedDeviceOwnerType")).toEqual(new Set(["company", "personal"]));
    expect(values("isEncrypted")).toEqual(new Set([true, false]));
  });

  it("refuses an app without DeviceManagementManagedDevices.Read.All (403) and an unknown $select property (400)", async () => {
    const refused = await graph("/v1.0/deviceManagement/managedDevices", CONTOSO.appWithoutDevices);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toContain("DeviceManagementManagedDevices.Read.All");
    expect((await graph("/v1.0/deviceManagement/managedDevices?$select=id,favouriteColour")).status).toBe(400);
  });

  it("answers a throttled request with 429 and Retry-After", async () => {
    fake().control.failNextRequests({ pathPrefix: "/v1.0/deviceManagement/", status: 429, retryAfterSeconds: 7 });
    const throttled = await graph("/v1.0/deviceManagement/managedDevices?$top=1");
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toBe("7");
    expect((await graph("/v1.0/deviceManagement/managedDevices?$top=1")).status).toBe(200);
  });
});
