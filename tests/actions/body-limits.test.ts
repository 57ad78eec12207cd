// How large a form post may be, by the page it posts to (proxy.ts refuses the rest before reading them).
import { describe, expect, it } from "vitest";
import { bodyLimitFor, bodyLimits, bodyRefusal } from "@/lib/actions/body-limits";

const post = (pathname: string, headers: Record<string, string>) =>
  bodyRefusal({ method: "POST", pathname, headers: new Headers(headers) });
const organizationPage = "/settings/organizations/0f6a1c9e-0000-4000-8000-000000000001";

describe("form posts by the page they post to", () => {
  it("16 MB only for the two uploads: Import CSV and the certificate (an organization's Settings tab, the provider app)", () => {
    for (const page of [
      "/clients/import",
      "/settings/azure",
      "/settings/organizations/provider-app",
      organizationPage,
      "/clients/import/",
    ]) {
      expect(bodyLimitFor(page), page).toBe(16 * 1024 * 1024);
    }
    for (const page of [
      "/clients/new",
      "/clients",
      "/settings/staff",
      "/account",
      `${organizationPage}/microsoft-azure`,
      "/settings/organizations/new",
      "/portal",
    ]) {
      expect(bodyLimitFor(page), page).toBe(1024 * 1024);
    }
  });

  it("forms anyone may post get the smallest limit", () => {
    for (const page of [
      "/signin",
      "/setup",
      "/portal/signin",
      "/portal/accept",
      "/portal/new-link",
      "/portal/new-password",
      "/api/auth/signout",
    ]) {
      expect(bodyLimitFor(page), page).toBe(bodyLimits.anonymous);
    }
    expect(bodyLimits.anonymous).toBeLessThan(bodyLimits.signedIn);
  });

  it("refuses a body past its page's limit from its Content-Length, with the sizes in words", () => {
    expect(post("/signin", { "content-length": String(bodyLimits.anonymous + 1) })).toEqual({
      status: 413,
      message: "This form sent 65 KB; at most 64 KB can be sent here.",
    });
    expect(post("/clients/new", { "content-length": String(2 * 1024 * 1024) })).toEqual({
      status: 413,
      message: "This form sent 2 MB; at most 1 MB can be sent here.",
    });
    expect(post("/clients/import", { "content-length": String(17 * 1024 * 1024) })?.status).toBe(413);
    expect(post("/clients/import", { "content-length": String(15 * 1024 * 1024) })).toBeNull();
    expect(post("/signin", { "content-length": "900" })).toBeNull();
  });

  it("refuses a streamed body without a length, and passes a request without a body", () => {
    expect(post("/signin", { "transfer-encoding": "chunked" })).toEqual({
      status: 411,
      message: "A form post needs a Content-Length.",
    });
    expect(post("/signin", { "content-length": "-1" })?.status).toBe(411);
    expect(post("/signin", {})).toBeNull();
    expect(
      bodyRefusal({ method: "GET", pathname: "/signin", headers: new Headers({ "content-length": "99999999" }) }),
    ).toBeNull();
  });

  it("leaves /api/inngest to the Inngest SDK, which checks each call's signature", () => {
    expect(post("/api/inngest", { "content-length": String(30 * 1024 * 1024) })).toBeNull();
  });
});
