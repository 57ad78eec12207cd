"use client";
import { createContext, useContext } from "react";

// The Azure User Sync pages serve the single organization at /settings/azure and each organization at
// /settings/organizations/<id>: the forms post the organization they are about (both layouts name it), the links
// stay on its pages.
type Scope = { organizationId: string | null; basePath: string };

const OrganizationScopeContext = createContext<Scope>({ organizationId: null, basePath: "/settings/azure" });

export function OrganizationScope({ organizationId, basePath, children }: Scope & { children: React.ReactNode }) {
  return (
    <OrganizationScopeContext.Provider value={{ organizationId, basePath }}>
      {children}
    </OrganizationScopeContext.Provider>
  );
}

const useOrganizationScope = () => useContext(OrganizationScopeContext);

/** The hidden field naming the organization a form saves. */
export function OrganizationField() {
  const { organizationId } = useOrganizationScope();
  return organizationId ? <input type="hidden" name="organizationId" value={organizationId} /> : null;
}
