// A certificate instead of a client secret, saved as the settings form saves it (files, as a multipart post
// brings them), then used by Test connection and a users sync against the fake tenant's app.
import { describe, expect, it } from "vitest";
import selfsigned from "selfsigned";
import { db } from "@/db/client";
import { auditEvents, credentials, entraConnections } from "@/db/schema";
import { FieldError } from "@/lib/auth/field-error";
import type { Actor } from "@/lib/auth/authorize";
import { saveSyncSettings, syncSettingsForm, getSyncSettings, testSavedConnection } from "@/lib/connections";
import { secretExpiryMessage } from "@/lib/credentials";
import { CONTOSO } from "@/tests/fake-entra/default-tenants";
import { runSyncFunction, useSyncWorld } from "./sync-harness";
import { soleOrganizationId } from "@/tests/support/database";

const world = useSyncWorld({ users: 40, devices: 5 });

const file = (text: string, name: string) => new File([text], name, { type: "application/x-pem-file" });

/** Posts the form with "Certificate" chosen, as the browser does; the field errors come back as the page shows them. */
async function saveCertificate(admin: Actor, keyText: string | null, certificateText: string | null) {
  const parsed = syncSettingsForm.safeParse({
    organizationId: await soleOrganizationId(),
    status: "enabled",
    syncFrequency: "manual",
    clientId: CONTOSO.goodApp.clientId,
    tenantId: CONTOSO.tenantId,
    credentialKind: "certificate",
    clientSecret: "",
    clientSecretExpiresOn: "",
    certificateKey: keyText === null ? new File([], "") : file(keyText, "key.pem"),
    certificateFile: certificateText === null ? new File([], "") : file(certificateText, "cert.pem"),
    syncExternalUsers: "no",
    inviteToPortal: "no",
  });
  if (!parsed.success) return { fields: parsed.error.flatten().fieldErrors as Record<string, string[]> };
  try {
    return { message: await saveSyncSettings(admin, parsed.data) };
  } catch (error) {
    if (error instanceof FieldError)
      return { fields: Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k, [v]])) };
    throw error;
  }
}

const otherCertificate = (days: number) =>
  selfsigned.generate([{ name: "commonName", value: "Another app" }], {
    keySize: 2048,
    algorithm: "sha256",
    notAfterDate: new Date(Date.now() + days * 86_400_000),
  });

describe("a certificate credential", () => {
  it("saved from the form, signs in: Test connection passes and a users sync succeeds; the key is stored only encrypted", async () => {
    const { keyPem, certPem, thumbprintSha256 } = world.fake.appCertificate;
    expect(await saveCertificate(world.admin, keyPem, certPem)).toEqual({ message: "Changes saved." });

    const settings = await getSyncSettings(world.admin, await soleOrganizationId());
    expect(settings.credentialKind).toBe("certificate");
    expect(settings.certificate).toMatchObject({
      stored: true,
      thumbprintSha256: thumbprintSha256.toLowerCase(),
      subject: "CN=Vertask fake app",
    });
    expect(settings.secret).toEqual({ stored: false });
    const [row] = await db.select().from(credentials);
    const keyBody = keyPem.split("\n")[1];
    expect(JSON.stringify(row)).not.toContain(keyBody);
    expect(row.clientSecretCiphertext).toBeNull();

    const report = await testSavedConnection(world.admin, await soleOrganizationId());
    expect(report).toMatchObject({ ok: true });
    expect(report.summary).toMatch(/^Connected: a token was obtained/);

    const { run, stepOutputs } = await runSyncFunction("users");
    expect(run.status).toBe("succeeded");
    expect(run.counts!.created).toBeGreaterThan(10);
    expect(stepOutputs).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/);

    const audit = await db.select().from(auditEvents);
    expect(JSON.stringify(audit)).not.toContain(keyBody);
    expect(audit.find((event) => event.changes?.Certificate)?.changes).toMatchObject({
      Certificate: {
        from: "none",
        to: expect.stringContaining(`SHA-256 thumbprint ${thumbprintSha256.toLowerCase()}`),
      },
    });
  });

  it("a key that is not the certificate's, a file that is not PEM, or one file alone is refused with words, and nothing is saved", async () => {
    const { keyPem, certPem } = world.fake.appCertificate;
    const saved = () => Promise.all([db.select().from(entraConnections), db.select().from(credentials)]);
    const before = await saved();
    const other = await otherCertificate(365);
    expect((await saveCertificate(world.admin, other.private, certPem)).fields).toEqual({
      certificateKey: [
        "This private key does not belong to the certificate: choose the key the certificate was made with.",
      ],
    });
    expect(
      (await saveCertificate(world.admin, keyPem, "MIIC this is not a certificate")).fields?.certificateFile?.[0],
    ).toMatch(/^This is not a PEM certificate/);
    expect((await saveCertificate(world.admin, "just some text", certPem)).fields?.certificateKey?.[0]).toMatch(
      /^This is not a PEM private key/,
    );
    expect((await saveCertificate(world.admin, certPem, keyPem)).fields?.certificateKey?.[0]).toMatch(
      /holds a certificate, not its private key/,
    );
    expect((await saveCertificate(world.admin, keyPem, null)).fields).toEqual({
      certificateFile: ["Choose the certificate file too: Vertask reads its thumbprint and expiry date from it."],
    });
    expect((await saveCertificate(world.admin, null, null)).fields?.certificateKey?.[0]).toMatch(
      /^Choose the certificate's private key and the certificate/,
    );
    expect(await saved()).toEqual(before);
  });

  it("the certificate's own expiry date feeds the expiry warning", async () => {
    const soon = await otherCertificate(10);
    expect(await saveCertificate(world.admin, soon.private, soon.cert)).toEqual({ message: "Changes saved." });
    const { expiry } = await getSyncSettings(world.admin, await soleOrganizationId());
    expect(expiry).toMatchObject({ state: "expiring", credential: "certificate" });
    expect(secretExpiryMessage(expiry)).toMatch(
      /^The certificate expires in (9|10) days \(\d{4}-\d{2}-\d{2}\)\. Upload a new one/,
    );
  });

  it("a client secret entered later replaces the stored certificate", async () => {
    const { keyPem, certPem } = world.fake.appCertificate;
    await saveCertificate(world.admin, keyPem, certPem);
    const form = syncSettingsForm.parse({
      organizationId: await soleOrganizationId(),
      status: "enabled",
      syncFrequency: "manual",
      clientId: CONTOSO.goodApp.clientId,
      tenantId: CONTOSO.tenantId,
      credentialKind: "secret",
      clientSecret: CONTOSO.goodApp.secret,
      clientSecretExpiresOn: "",
      syncExternalUsers: "no",
      inviteToPortal: "no",
    });
    await saveSyncSettings(world.admin, form);
    const settings = await getSyncSettings(world.admin, await soleOrganizationId());
    expect(settings).toMatchObject({
      credentialKind: "secret",
      certificate: { stored: false },
      secret: { stored: true },
    });
    expect(await testSavedConnection(world.admin, await soleOrganizationId())).toMatchObject({ ok: true });
  });
});
