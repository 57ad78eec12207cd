import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { closeDatabase } from "@/db/client";
import { listDevMail } from "@/lib/mail/dev-mailbox";
import { sendMail } from "@/lib/mail/send-mail";
import { createActor, resetDatabase } from "../support/database";

afterAll(closeDatabase);

describe("mail on a development machine without SMTP_URL", () => {
  it("is kept in .data/mail and shown to superusers only, with its link", async () => {
    await resetDatabase();
    const [smtp, keep] = [process.env.SMTP_URL, process.env.VERTASK_KEEP_MAIL_LOCALLY];
    delete process.env.SMTP_URL;
    process.env.VERTASK_KEEP_MAIL_LOCALLY = "1";
    process.env.VERTASK_MAIL_DIR = mkdtempSync(path.join(tmpdir(), "vertask-mail-"));
    try {
      await sendMail({ to: "zoe@contoso.example", subject: "Your invitation", text: "Open https://vertask.example/portal/accept?token=abc", html: "<p>x</p>", messageId: "dev-test-1" });
      const superuser = await createActor("superuser");
      const [mail] = listDevMail(superuser);
      expect(mail).toMatchObject({ to: "zoe@contoso.example", subject: "Your invitation" });
      expect(mail.text).toContain("/portal/accept?token=abc");
      expect(() => listDevMail({ ...superuser, role: "technician" })).toThrow("Only a superuser can do this.");
    } finally {
      if (smtp) process.env.SMTP_URL = smtp;
      if (keep === undefined) delete process.env.VERTASK_KEEP_MAIL_LOCALLY;
      rmSync(process.env.VERTASK_MAIL_DIR!, { recursive: true, force: true });
      delete process.env.VERTASK_MAIL_DIR;
    }
  });

  it("refuses to keep mail instead of sending it in production", async () => {
    const [smtp, env, keep] = [process.env.SMTP_URL, process.env.NODE_ENV, process.env.VERTASK_KEEP_MAIL_LOCALLY];
    delete process.env.SMTP_URL;
    delete process.env.VERTASK_KEEP_MAIL_LOCALLY;
    Object.assign(process.env, { NODE_ENV: "production" });
    try {
      await expect(sendMail({ to: "a@b.example", subject: "s", text: "t", html: "h", messageId: "dev-test-2" })).rejects.toThrow("SMTP_URL is not set");
    } finally {
      if (smtp) process.env.SMTP_URL = smtp;
      if (keep !== undefined) process.env.VERTASK_KEEP_MAIL_LOCALLY = keep;
      Object.assign(process.env, { NODE_ENV: env });
    }
  });
});
