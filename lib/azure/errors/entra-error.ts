import "server-only";

export type EntraErrorCode =
  | "wrong_secret"
  | "secret_expired"
  | "wrong_certificate"
  | "unknown_application"
  | "unknown_tenant"
  | "permission_missing"
  | "throttled"
  | "service_unavailable"
  | "network"
  | "unexpected_response"
  | "endpoint_setting"
  | "delta_expired"
  | "unknown";

/** The settings field an administrator has to change, when one is to blame. */
type EntraSettingField = "tenantId" | "clientId" | "clientSecret" | "certificate" | "permissions";

export type EntraFix = {
  field?: EntraSettingField;
  /** The number of the setup guide's step to redo, as the help shows it (lib/setup-guide/steps.ts). */
  guideStep?: number;
  consentUrl?: string;
  /** When a retry can help, how long to wait before it. */
  retryAfterSeconds?: number;
};

/** Every Entra or Graph failure, in words an administrator can act on. Never holds a secret or a token. */
export type ClassifiedEntraError = {
  code: EntraErrorCode;
  /** One sentence for the administrator. */
  message: string;
  /** Whether trying again later, unchanged, can succeed. */
  retryable: boolean;
  fix: EntraFix;
  /** Identifiers for support and logs: AADSTS number, HTTP status, Graph error code, request id. */
  details: string;
};

/** What lib/azure throws: the classified failure as the message, the library's error as the cause. */
export class EntraError extends Error {
  readonly name = "EntraError";
  readonly code: EntraErrorCode;
  readonly retryable: boolean;
  readonly fix: EntraFix;
  readonly details: string;

  constructor(classified: ClassifiedEntraError, options?: { cause?: unknown }) {
    super(classified.message, options);
    this.code = classified.code;
    this.retryable = classified.retryable;
    this.fix = classified.fix;
    this.details = classified.details;
  }

  toJSON(): ClassifiedEntraError {
    return { code: this.code, message: this.message, retryable: this.retryable, fix: this.fix, details: this.details };
  }
}

/** An answer that is not what Graph (or Entra ID) sends: an HTML page from a proxy, a malformed page. */
export class UnexpectedResponseError extends Error {
  readonly name = "UnexpectedResponseError";
  constructor(
    readonly service: "login" | "graph",
    readonly host: string,
    readonly problem: string,
  ) {
    super(`Unexpected answer from ${host}: ${problem}`);
  }
}

/** A credential that cannot even be used to ask for a token: an empty secret, an unreadable private key. */
export class UnusableCredentialError extends Error {
  readonly name = "UnusableCredentialError";
  constructor(
    readonly kind: "secret" | "certificate",
    readonly problem: string,
  ) {
    super(problem);
  }
}
