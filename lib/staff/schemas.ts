import { z } from "zod";
import { uuidField } from "@/db/is-uuid";
import { staffRole } from "@/db/schema";
import { newPassword } from "@/lib/auth/password-rules";

const staffRoleInput = z.enum(staffRole.enumValues, "Choose a role: Superuser or Technician.");

export const staffMemberInput = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(120, "Keep the name under 120 characters."),
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address, like name@example.com.")),
  password: newPassword,
  role: staffRoleInput,
});

export const firstSuperuserInput = staffMemberInput.omit({ role: true }).extend({
  setupCode: z.string().trim().min(1, "Enter the setup code from the server log, or run: npm run setup-code"),
});

// The first-run form as posted: createFirstSuperuser checks it against firstSuperuserInput and the setup code
// together, so a wrong code and a weak password are both reported at once.
export const firstSuperuserForm = z.object({
  setupCode: z.string().default(""),
  name: z.string().default(""),
  email: z.string().default(""),
  password: z.string().default(""),
});

export const changeOwnPasswordInput = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password."),
    newPassword,
    confirmPassword: z.string(),
    // Absent: only check the fields (the form then asks "signed out everywhere?"); "yes": change it.
    confirmed: z.literal("yes").optional(),
  })
  .refine((input) => input.newPassword === input.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two new passwords are not the same.",
  });

export const changeRoleInput = z.object({ staffId: uuidField("Choose a staff member."), role: staffRoleInput });

export const resetPasswordInput = z.object({ staffId: uuidField("Choose a staff member."), password: newPassword });

export type StaffMemberInput = z.infer<typeof staffMemberInput>;
export type FirstSuperuserForm = z.input<typeof firstSuperuserForm>;

export const staffSignInInput = z.object({
  email: z
    .string()
    .trim()
    .regex(/^\S+@\S+\.\S+$/, "Enter the email address of your Vertask account."),
  password: z.string().min(1, "Enter your password."),
});
