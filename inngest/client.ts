import { Inngest } from "inngest";

/** The job engine client: sync functions in this folder are registered with it. */
export const inngest = new Inngest({ id: "vertask" });
