import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";

// Runs can take minutes: each request runs one step, well inside this limit.
export const maxDuration = 300;

export const { GET, POST, PUT } = serve({ client: inngest, functions });
