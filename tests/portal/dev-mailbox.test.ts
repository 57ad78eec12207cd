import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
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
      await sendMail({
        to: "zoe@contoso.example",
        subject: "Your invitation",
        text: "Open https://vertask.example/portal/accept?token=abc",
        html: "<p>x</p>",
        messageId: "dev-test-1",
      });
      const superuser = await createActor("superuser");
      const [mail] = listDevMail(superuser).mails;
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

  it("counts the messages it holds and shows them 50 to a page, newest first; a page past the end shows the last", async () => {
    const superuser = await createActor("superuser");
    process.env.VERTASK_MAIL_DIR = mkdtempSync(path.join(tmpdir(), "vertask-mail-"));
    try {
      for (let n = 1; n <= 53; n++) {
        const file = `2026-01-01T00-00-${String(n).padStart(2, "0")}-000Z-m${n}.json`;
        writeFileSync(
          path.join(process.env.VERTASK_MAIL_DIR, file),
          JSON.stringify({
            to: [{ address: `c${n}@contoso.example` }],
            subject: `Mail ${n}`,
            text: "t",
            sentAt: "2026-01-01T00:00:00Z",
          }),
        );
      }
      const first = listDevMail(superuser);
      expect(first).toMatchObject({ total: 53, page: 1 });
      expect(first.mails.map((m) => m.subject).slice(0, 2)).toEqual(["Mail 53", "Mail 52"]);
      expect(first.mails).toHaveLength(50);
      expect(listDevMail(superuser, 2).mails.map((m) => m.subject)).toEqual(["Mail 3", "Mail 2", "Mail 1"]);
      expect(listDevMail(superuser, 9)).toMatchObject({ page: 2, total: 53 });
    } finally {
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
      await expect(
        sendMail({ to: "a@b.example", subject: "s", text: "t", html: "h", messageId: "dev-test-2" }),
      ).rejects.toThrow("SMTP_URL is not set");
    } finally {
      if (smtp) process.env.SMTP_URL = smtp;
      if (keep !== undefined) process.env.VERTASK_KEEP_MAIL_LOCALLY = keep;
      Object.assign(process.env, { NODE_ENV: env });
    }
  });

  it("is refused in production, even to a superuser, unless mail is kept locally on purpose (VERTASK_KEEP_MAIL_LOCALLY=1)", async () => {
    const superuser = await createActor("superuser");
    process.env.VERTASK_MAIL_DIR = mkdtempSync(path.join(tmpdir(), "vertask-mail-"));
    try {
      writeFileSync(
        path.join(process.env.VERTASK_MAIL_DIR, "2026-01-01T00-00-00-000Z-m1.json"),
        JSON.stringify({
          to: [{ address: "c1@contoso.example" }],
          subject: "Your new link",
          text: "https://vertask.example/portal/new-password?token=t",
          sentAt: "2026-01-01T00:00:00Z",
        }),
      );
      const production = { NODE_ENV: "production", SMTP_URL: "smtp://mail.example.com" } as const;
      expect(() => listDevMail(superuser, 1, production)).toThrow(
        "The development mailbox is not shown in production: mail goes through SMTP_URL.",
      );
      expect(listDevMail(superuser, 1, { ...production, VERTASK_KEEP_MAIL_LOCALLY: "1" }).total).toBe(1);
      expect(listDevMail(superuser, 1, { NODE_ENV: "development" }).total).toBe(1);
    } finally {
      rmSync(process.env.VERTASK_MAIL_DIR!, { recursive: true, force: true });
      delete process.env.VERTASK_MAIL_DIR;
    }
  });
});
