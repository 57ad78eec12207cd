import { Inngest } from "inngest";

/** The job engine client: the functions in inngest/ are registered with it. */
export const inngest = new Inngest({ id: "vertask" });
