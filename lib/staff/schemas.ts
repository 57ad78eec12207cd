import { z } from "zod";

export const staffMemberInput = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(120, "Keep the name under 120 characters."),
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address, like name@example.com.")),
  password: z
    .string()
    .min(12, "Use at least 12 characters for the password.")
    .max(200, "Keep the password under 200 characters."),
  role: z.enum(["superuser", "technician"], "Choose a role: Superuser or Technician."),
});

export const firstSuperuserInput = staffMemberInput.omit({ role: true });

export type StaffMemberInput = z.infer<typeof staffMemberInput>;

export const staffSignInInput = z.object({
  email: z.string().trim().regex(/^\S+@\S+\.\S+$/, "Enter the email address of your Vertask account."),
  password: z.string().min(1, "Enter your password."),
});
