import { ChoiceGroup } from "@/app/_components/choice-group";
import { FormField } from "@/app/_components/form-field";
import type { SyncSettingsView } from "@/lib/connections";

type Props = {
  settings: Pick<SyncSettingsView, "secret" | "certificate" | "clientSecretExpiresOn">;
  kind: string;
  value: (field: string, saved: string) => string;
  errors: Record<string, string[] | undefined>;
};

const day = (date: Date | null) =>
  date ? new Date(date).toLocaleDateString("en-GB", { dateStyle: "medium", timeZone: "UTC" }) : "—";
const fileInput =
  "block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium";

function FileField({
  name,
  label,
  accept,
  hint,
  errors,
}: {
  name: string;
  label: string;
  accept: string;
  hint: string;
  errors?: string[];
}) {
  const invalid = Boolean(errors?.length);
  return (
    <FormField name={name} label={label} errors={errors} hint={hint}>
      <input
        id={name}
        name={name}
        type="file"
        accept={accept}
        className={fileInput}
        aria-invalid={invalid}
        aria-describedby={invalid ? `${name}-error` : undefined}
      />
    </FormField>
  );
}

const credentialKinds = [
  { value: "secret", label: "A client secret" },
  { value: "certificate", label: "A certificate (recommended by Microsoft)" },
];

/** The client secret's fields: the stored secret is named by its last four characters only. */
function SecretFields({ settings, value, errors }: Omit<Props, "kind">) {
  const { secret } = settings;
  return (
    <div className="space-y-5 group-has-[#credentialKind-certificate:checked]/credential:hidden">
      {secret.stored && (
        <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700" data-testid="stored-secret">
          A client secret is stored, ending in <code>…{secret.lastFour}</code>, added {day(secret.addedAt)}. To replace
          it, enter the new secret&apos;s Value below.
        </p>
      )}
      <FormField
        name="clientSecret"
        label={secret.stored ? "Client secret (new Value, to replace the stored one)" : "Client secret"}
        type="password"
        errors={errors.clientSecret}
        autoComplete="new-password"
        hint={
          secret.stored
            ? "Leave empty to keep the stored secret."
            : "The secret's Value from Certificates & secrets, not its Secret ID."
        }
      />
      <FormField
        name="clientSecretExpiresOn"
        label="Client secret expires on"
        type="date"
        defaultValue={value("clientSecretExpiresOn", settings.clientSecretExpiresOn ?? "")}
        errors={errors.clientSecretExpiresOn}
        hint="Optional: the Expires date in Certificates & secrets. Vertask warns you 30 days before."
      />
    </div>
  );
}

/** The certificate's fields: the stored certificate is shown by its public details; its key never. */
function CertificateFields({
  certificate,
  errors,
}: {
  certificate: Props["settings"]["certificate"];
  errors: Props["errors"];
}) {
  return (
    <div className="space-y-5 group-has-[#credentialKind-secret:checked]/credential:hidden">
      {certificate.stored ? (
        <div className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700" data-testid="stored-certificate">
          <p>
            A certificate is stored, added {day(certificate.addedAt)}; its private key is kept encrypted and never
            shown.
          </p>
          <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3">
            <dt className="text-slate-500">SHA-256 thumbprint</dt>
            <dd className="break-all font-mono text-xs leading-5">{certificate.thumbprintSha256}</dd>
            <dt className="text-slate-500">Subject</dt>
            <dd className="break-words">{certificate.subject}</dd>
            <dt className="text-slate-500">Expires on</dt>
            <dd>{certificate.expiresOn}</dd>
          </dl>
          <p className="mt-1">To replace it, choose a new key and certificate below.</p>
        </div>
      ) : (
        <p className="text-sm text-slate-600">
          Upload the certificate (not its key) to the app under Certificates &amp; secrets → Certificates, then choose
          both files here. Vertask checks that they belong together, shows the thumbprint and warns you before the
          certificate expires.
        </p>
      )}
      <FileField
        name="certificateKey"
        label={certificate.stored ? "Private key (PEM, to replace the stored one)" : "Private key (PEM)"}
        accept=".pem,.key"
        hint="The file that starts with -----BEGIN PRIVATE KEY-----, without a passphrase. It is encrypted and never shown again."
        errors={errors.certificateKey}
      />
      <FileField
        name="certificateFile"
        label="Certificate (PEM)"
        accept=".pem,.crt,.cer"
        hint="The file that starts with -----BEGIN CERTIFICATE-----: the one uploaded to the app in Microsoft Entra."
        errors={errors.certificateFile}
      />
    </div>
  );
}

/**
 * "Client secret" or "Certificate": the fields of the credential not chosen are hidden by CSS alone (:has on the
 * checked radio), so the choice works without JavaScript; the server reads only the chosen credential's fields.
 */
export function CredentialFields({ settings, kind, value, errors }: Props) {
  return (
    <div className="group/credential space-y-5">
      <ChoiceGroup
        name="credentialKind"
        legend="Sign in to Microsoft Entra with"
        choices={credentialKinds}
        defaultValue={kind}
        errors={errors.credentialKind}
        choiceId={(value) => `credentialKind-${value}`}
      />

      <SecretFields settings={settings} value={value} errors={errors} />

      <CertificateFields certificate={settings.certificate} errors={errors} />
    </div>
  );
}
