import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, credentials, organizations } from "@/db/schema";
import { renameOrganization } from "@/lib/organizations/commands";
import { getProviderAppView, providerAppForm } from "@/lib/credentials";
import { saveProviderApp } from "@/lib/consent";
import { PROVIDER } from "@/tests/fake-entra/default-tenants";
import { organizationForm } from "@/lib/organizations/form-schema";
import { addOrganizationNamed, enterProviderApp, useOrganizationWorld } from "./organization-world";

const world = useOrganizationWorld();

describe("organizations", () => {
  it("adds an organization, and refuses a name another has in any case, or an empty one, changing nothing", async () => {
    const added = await addOrganizationNamed(world.admin, "  Tailspin   Toys ", "@Tailspin.example");
    expect(added).toMatchObject({ name: "Tailspin Toys", primaryDomain: "tailspin.example" });
    await expect(addOrganizationNamed(world.admin, "tailspin toys")).rejects.toMatchObject({
      fields: { name: "An organization named tailspin toys already exists: choose another name." },
    });
    expect(organizationForm.safeParse({ name: "   " }).error?.issues[0].message).toBe("Enter the organization's name.");
    expect(organizationForm.safeParse({ name: "Litware", primaryDomain: "https://litware.example/x" }).success).toBe(
      false,
    );
    expect(await db.select().from(organizations)).toHaveLength(1);
  });

  it("renames an organization, refusing another's name, and the audit log says what changed", async () => {
    const tailspin = await addOrganizationNamed(world.admin, "Tailspin Toys");
    await addOrganizationNamed(world.admin, "Litware");
    const form = (name: string) => organizationForm.parse({ organizationId: tailspin.id, name });
    await expect(renameOrganization(world.admin, tailspin.id, form("LITWARE"))).rejects.toMatchObject({
      fields: { name: expect.stringContaining("already exists") },
    });
    expect(await renameOrganization(world.admin, tailspin.id, form("Tailspin Toys Ltd"))).toBe("Changes saved.");
    expect(await renameOrganization(world.admin, tailspin.id, form("Tailspin Toys Ltd"))).toBe("No changes to save.");
    const audit = await db.select().from(auditEvents);
    expect(audit.map((event) => event.action)).toEqual(
      expect.arrayContaining(["organizations.added", "organizations.changed"]),
    );
    expect(audit.find((event) => event.action === "organizations.changed")!.changes).toEqual({
      Name: { from: "Tailspin Toys", to: "Tailspin Toys Ltd" },
    });
  });

  it("keeps the provider app's secret encrypted, never shows it, and wants a new one for another app", async () => {
    expect(await enterProviderApp(world.admin)).toMatch(/^Provider app saved\./);
    const [row] = await db.select().from(credentials).where(eq(credentials.providerAppId, true));
    expect(row.clientSecretCiphertext).not.toContain(PROVIDER.multiTenantApp.secret);
    const view = await getProviderAppView(world.admin);
    expect(view).toMatchObject({
      clientId: PROVIDER.multiTenantApp.clientId,
      secret: { stored: true, lastFour: PROVIDER.multiTenantApp.secret.slice(-4) },
    });
    expect(JSON.stringify(view)).not.toContain(PROVIDER.multiTenantApp.secret);
    const other = providerAppForm.parse({ clientId: "11111111-2222-4333-8444-555555555555" });
    await expect(saveProviderApp(world.admin, other)).rejects.toMatchObject({
      fields: { clientSecret: expect.stringContaining("needs that app's own") },
    });
    expect(providerAppForm.safeParse({ clientId: "contoso.onmicrosoft.com" }).success).toBe(false);
    const audit = await db.select().from(auditEvents);
    expect(JSON.stringify(audit)).not.toContain(PROVIDER.multiTenantApp.secret);
  });
});
