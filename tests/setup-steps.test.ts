import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SetupHelp } from "@/app/(staff)/settings/azure/setup-help";
import { setupSteps, stepNumber } from "@/lib/setup-guide/steps";
import { emptySecret, missingPermissionSentence, unknownApplication, wrongSecret } from "@/lib/azure/errors/messages";
import { clientIdProblem, clientSecretHint, tenantIdProblem, secretExpiryMessage } from "@/lib/credentials";

const help = renderToStaticMarkup(
  createElement(SetupHelp, {
    authorityHost: "https://login.microsoftonline.com",
    clientId: "",
    tenantId: "",
    groupScope: false,
  }),
);
/** The help's numbered steps as the administrator reads them: step N is the Nth item. */
const shownSteps = [...help.matchAll(/<li[^>]*>(.*?)<\/li>/g)].map((match) =>
  match[1].replace(/<[^>]+>/g, "").replace(/&amp;/g, "&"),
);
const shownStep = (n: number) => shownSteps[n - 1];
const citedSteps = (message: string) => [...message.matchAll(/step (\d+)/g)].map((match) => Number(match[1]));

const context = {
  tenantId: "contoso.onmicrosoft.com",
  clientId: "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
  credentialKind: "secret" as const,
  authorityHost: "https://login.microsoftonline.com",
  graphHost: "graph.microsoft.com",
  consentUrl: "https://login.microsoftonline.com/contoso.onmicrosoft.com/adminconsent?client_id=x",
  resource: null,
};

describe("the setup guide's step numbers", () => {
  it("the help beside the form shows every step, in the one declared order", () => {
    expect(shownSteps).toHaveLength(setupSteps.length);
    expect(shownStep(stepNumber("overviewIds"))).toContain("Application (client) ID");
    expect(shownStep(stepNumber("clientSecret"))).toContain("Certificates & secrets");
    expect(shownStep(stepNumber("apiPermissions"))).toContain("API permissions");
    expect(shownStep(stepNumber("adminConsent"))).toContain("Grant admin consent");
  });

  it("a message about a field's value points to the step of the help that says where to copy it", () => {
    for (const message of [clientIdProblem("")!, tenantIdProblem("")!]) {
      expect(citedSteps(message)).toEqual([stepNumber("overviewIds")]);
      expect(shownStep(citedSteps(message)[0])).toContain("Overview page");
    }
    const secretMessages = [
      clientSecretHint("6f1e1b9c-8f2a-4c43-9d77-2a1e5b7c9d10", context.clientId, "x")!,
      clientSecretHint("too short", context.clientId, "x")!,
      secretExpiryMessage({ state: "expired", expiresOn: "2026-01-31", credential: "client secret" })!,
      wrongSecret(context, "").message,
      emptySecret("").message,
    ];
    for (const message of secretMessages) {
      expect(citedSteps(message), message).toEqual([stepNumber("clientSecret")]);
      expect(shownStep(citedSteps(message)[0])).toContain("Certificates & secrets");
    }
  });

  it("a failure from Entra names the help's steps, in its words and in its fix", () => {
    const unknownApp = unknownApplication(context, "");
    expect(unknownApp.fix.guideStep).toBe(citedSteps(unknownApp.message)[0]);
    expect(shownStep(unknownApp.fix.guideStep!)).toContain("Application (client) ID");
    const [permissions, consent] = citedSteps(missingPermissionSentence("Device.Read.All", context.consentUrl));
    expect(shownStep(permissions)).toContain("API permissions");
    expect(shownStep(consent)).toContain("Grant admin consent");
  });

  it("no product code writes a step's number by hand: every one comes from lib/setup-guide/steps.ts", () => {
    const files = (folder: string): string[] =>
      readdirSync(folder).flatMap((name) => {
        const full = path.join(folder, name);
        return statSync(full).isDirectory()
          ? files(full)
          : /\.tsx?$/.test(name) && !/\.test\./.test(name)
            ? [full]
            : [];
      });
    const handWritten = /guide step \d|step \d+ of the setup guide|steps \d+ and \d+ of the setup guide|guideStep: \d/i;
    const outsideTheSource = [...files("lib"), ...files("app")].filter(
      (file) => file !== path.join("lib", "setup-guide", "steps.ts"),
    );
    expect(outsideTheSource.filter((file) => handWritten.test(readFileSync(file, "utf8")))).toEqual([]);
  });
});
