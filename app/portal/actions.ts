"use server";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { newPassword } from "@/lib/auth/password-rules";
import { acceptInvitation } from "@/lib/portal/accept-invitation";
import { requestNewInvitation } from "@/lib/portal/request-new-invitation";

export const acceptInvitationAction = formAction(
  "anyone",
  z
    .object({
      token: z.string().min(1),
      password: newPassword,
      confirmPassword: z.string(),
    })
    .refine((input) => input.password === input.confirmPassword, { path: ["confirmPassword"], message: "The two passwords are not the same." }),
  async ({ token, password }) => {
    const { email } = await acceptInvitation(token, password);
    return { message: "Your password is set.", data: { email } };
  },
);

export const requestNewInvitationAction = formAction("anyone", z.object({ token: z.string().min(1) }), async ({ token }) =>
  requestNewInvitation(token),
);
