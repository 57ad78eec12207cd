// What the fake remembers between the two steps of the authorization code flow: the codes it handed out
// (single use, ten minutes, as "Microsoft identity platform and OAuth 2.0 authorization code flow" says
// of authorization codes), the user a test chose in advance, and each tenant's signing keys.
import { randomBytes } from "node:crypto";
import { TenantSigningKeys } from "./signing-keys";

/** What an authorization code stands for: who signed in, to which app, and what the token request must repeat. */
export type CodeGrant = {
  tenantId: string;
  userId: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  nonce: string | null;
  codeChallenge: string | null;
  codeChallengeMethod: "S256" | "plain";
};

type IssuedCode = CodeGrant & { expiresAt: number; redeemed: boolean };

export type Redemption = { grant: CodeGrant } | { problem: "unknown" | "redeemed" | "expired" };

export const CODE_LIFETIME_SECONDS = 600;

export class SignInState {
  readonly keys = new TenantSigningKeys();
  private readonly codes = new Map<string, IssuedCode>();
  private preselected: { tenantId: string; userId: string } | null = null;

  /** The next authorize request that may sign this user in does so without showing the page. */
  preselect(choice: { tenantId: string; userId: string } | null) {
    this.preselected = choice;
  }

  /** The user chosen in advance, once, when `admits` accepts their tenant. */
  takePreselected(admits: (tenantId: string) => boolean) {
    const chosen = this.preselected;
    if (!chosen || !admits(chosen.tenantId)) return null;
    this.preselected = null;
    return chosen;
  }

  issueCode(grant: CodeGrant): string {
    const code = randomBytes(48).toString("base64url");
    this.codes.set(code, { ...grant, expiresAt: Date.now() + CODE_LIFETIME_SECONDS * 1000, redeemed: false });
    return code;
  }

  /** The grant behind a code, without using it up: the token endpoint checks the request first. */
  lookUp(code: string): Redemption {
    const issued = this.codes.get(code);
    if (!issued) return { problem: "unknown" };
    if (issued.redeemed) return { problem: "redeemed" };
    if (issued.expiresAt <= Date.now()) return { problem: "expired" };
    return { grant: issued };
  }

  /** A code is used up by the token request that succeeds with it. */
  markRedeemed(code: string) {
    const issued = this.codes.get(code);
    if (issued) issued.redeemed = true;
  }
}
