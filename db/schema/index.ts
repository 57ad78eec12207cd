// The database schema, one file per area; everything imports it from here ("@/db/schema"), and drizzle-kit reads it
// from here (drizzle.config.ts). Each file imports only the areas its references point at: the files form no loop.
export * from "./staff";
export * from "./organizations-and-connections";
export * from "./credentials";
export * from "./clients-and-devices";
export * from "./runs-and-pages";
export * from "./portal";
export * from "./alerts-and-audit";
export * from "./history";
export * from "./graph-subscriptions";
