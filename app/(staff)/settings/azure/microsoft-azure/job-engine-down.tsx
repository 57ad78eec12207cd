"use client";
import { createContext, useContext } from "react";
import type { SyncKind } from "@/db/schema";
import { syncCommandLine } from "@/lib/sync-runs/command-line";

// While the job engine does not answer, every button that would ask it for a sync is disabled and names the
// command that does the same on the server; null while it answers.
const JobEngineDownContext = createContext<string | null>(null);

/** `organization`: how the command names the organization, or null while the job engine answers. */
export function JobEngineDown({ organization, children }: { organization: string | null; children: React.ReactNode }) {
  return <JobEngineDownContext.Provider value={organization}>{children}</JobEngineDownContext.Provider>;
}

/** The command to run instead of asking the job engine, or null while it answers. */
export function useCommandInstead(kind: SyncKind, preview: boolean) {
  const organization = useContext(JobEngineDownContext);
  return organization === null ? null : syncCommandLine(kind, organization, { preview });
}
