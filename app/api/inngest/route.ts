import { serve } from "inngest/next";
import { inngest } from "@/lib/job-engine/client";
import { functions } from "@/inngest/functions";

// Runs can take minutes: each request runs one step, well inside this limit.
export const maxDuration = 300;

// The address Inngest calls back is fixed (APP_URL), never taken from a request's Host header.
const handler = serve({ client: inngest, functions, serveOrigin: process.env.APP_URL || undefined });

export const { GET, POST } = handler;

/**
 * A sync tells Inngest where this app is. Outside the dev mode only a signed (in-band) sync is taken, whose
 * signature the SDK checks: an unsigned PUT could otherwise make this app announce itself at will.
 */
export function PUT(request: Request, context: unknown) {
  if (!process.env.INNGEST_DEV && request.headers.get("x-inngest-sync-kind") !== "in_band") {
    return Response.json({ message: "Sync this app from Inngest (a signed sync)." }, { status: 401 });
  }
  return handler.PUT(request as never, context as never);
}
