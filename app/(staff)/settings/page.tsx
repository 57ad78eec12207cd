import Link from "next/link";
import { requireSuperuser } from "@/lib/session/current-staff";
import { devMailboxShown } from "@/lib/mail/dev-mailbox";

export const metadata = { title: "Settings" };

// Grouped by what each entry is: what Vertask connects to, who uses it, and what it keeps.
const sections = [
  {
    heading: "Integrations",
    links: [
      {
        href: "/settings/azure",
        title: "Azure User Sync",
        text: "Connect Microsoft Azure to sync clients and devices from Microsoft Entra ID.",
      },
      {
        href: "/settings/organizations",
        title: "Organizations",
        text: "Every customer organization with its tenant, how it connects, its syncs and alerts; your provider app.",
      },
    ],
  },
  {
    heading: "People",
    links: [
      {
        href: "/settings/staff",
        title: "Staff",
        text: "Add and remove superusers and technicians, change their role or reset their password.",
      },
      {
        href: "/settings/sign-in",
        title: "Sign-in",
        text: "Staff sign in with Microsoft: your tenant, the app registration, and whether passwords still work.",
      },
      { href: "/account", title: "Your account", text: "Change your password." },
      {
        href: "/settings/alerts",
        title: "Your alerts",
        text: "Whether you get a mail when syncing has a problem, and when it is resolved.",
      },
    ],
  },
  {
    heading: "System",
    links: [
      {
        href: "/settings/audit",
        title: "Audit log",
        text: "Who changed the sync settings or staff accounts, or asked for a sync, and when.",
      },
      // Not in production unless mail is kept locally on purpose: kept mail holds working links.
      {
        href: "/settings/mail",
        title: "Outgoing mail",
        text: "Portal invitations and alerts kept on this machine when no SMTP server is set up.",
        shown: devMailboxShown,
      },
    ],
  },
];

export default async function SettingsPage() {
  await requireSuperuser();
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Settings</h1>
      {sections.map((section) => (
        <section key={section.heading} className="mb-6">
          <h2 className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-600">{section.heading}</h2>
          <ul className="grid gap-3 sm:grid-cols-2">
            {section.links
              .filter((link) => !("shown" in link) || link.shown?.())
              .map((link) => (
                <li key={link.href} className="rounded-xl border border-slate-200 bg-white p-4">
                  <Link href={link.href} className="font-medium">
                    {link.title}
                  </Link>
                  <p className="mt-1 text-sm text-slate-600">{link.text}</p>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </>
  );
}
