import { afterEach, describe, expect, it } from "vitest";
import { fetchFirstOwners } from "@/lib/azure";
import { fetchDevicesPage } from "@/lib/azure/devices";
import { graphSession, useFakeTenant } from "./fake-tenant-harness";

const fake = useFakeTenant({ users: 400, devices: 120, seed: "batch" });

/** The inner request that asks for the 15 devices starting with this one. */
const innerRequestFrom = (deviceId: string) => `/v1.0/devices?$filter=id in ('${deviceId}'`;

describe("owner look-ups through JSON batching", () => {
  afterEach(() => {
    fake().control.clearFaults();
    fake().control.resetRequestCounts();
  });

  it("asks 15 devices a request, 20 requests a batch; an inner 429 is sent again alone after its Retry-After, an inner 404 and a deleted device have no owner", async () => {
    const graph = graphSession(fake());
    const ids = (await fetchDevicesPage(graph, null, { pageSize: 45 })).items.map((device) => device.id);
    const [gone, notFound, throttled] = [ids[3], ids[15], ids[30]];
    fake().control.hardDeleteDevice({ id: gone });
    fake().control.failNextRequests({ count: 1, status: 404, pathPrefix: innerRequestFrom(notFound) });
    fake().control.failNextRequests({
      count: 1,
      status: 429,
      retryAfterSeconds: 1,
      pathPrefix: innerRequestFrom(throttled),
    });
    fake().control.resetRequestCounts();
    const started = Date.now();
    const owners = await fetchFirstOwners(graph, ids, 4);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    ids.forEach((id, index) => {
      const answeredNotFound = index >= 15 && index < 30;
      const expected = id === gone || answeredNotFound ? null : (fake().control.deviceOwnerIds({ id })[0] ?? null);
      expect(owners.get(id), `device ${index}`).toBe(expected);
    });
    expect(ids.slice(30).some((id) => owners.get(id) !== null)).toBe(true);
    // 45 devices: one batch of 3 requests (15 devices each), then the throttled request again on its own.
    expect(fake().control.requestCounts()).toMatchObject({ graph: 2, batched: 4 });
    expect(graph.waitedSeconds).toBe(1);
  });

  it("an inner answer the policy cannot wait out fails as throttled, in words", async () => {
    const graph = graphSession(fake(), undefined, {
      retry: { maxRetries: 3, maxWaitSeconds: 5, fallbackDelaySeconds: 0.1 },
    });
    const [id] = (await fetchDevicesPage(graph, null, { pageSize: 1 })).items.map((device) => device.id);
    fake().control.failNextRequests({
      count: 1,
      status: 429,
      retryAfterSeconds: 120,
      pathPrefix: innerRequestFrom(id),
    });
    await expect(fetchFirstOwners(graph, [id], 1)).rejects.toMatchObject({
      code: "throttled",
      message: expect.stringContaining("120"),
    });
  });
});
