import { inngest } from "@/lib/job-engine/client";
import { invitationsRequested } from "@/lib/job-engine/events";
import { sendWaitingInvitations } from "@/lib/portal/send-invitations";

/** Sends the waiting client-portal invitations, a batch per step; each mail is claimed before it is sent. */
export const sendPortalInvitations = inngest.createFunction(
  {
    id: "send-portal-invitations",
    triggers: [invitationsRequested],
    concurrency: { limit: 1 },
    retries: 4,
  },
  async ({ step }) => {
    let sent = 0;
    for (let batch = 0; batch < 900; batch++) {
      const result = await step.run(`send-invitations-batch-${batch}`, () => sendWaitingInvitations(25));
      sent += result.sent;
      if (result.remaining === 0) break;
    }
    return { sent };
  },
);
