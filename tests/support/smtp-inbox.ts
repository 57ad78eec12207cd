// A real SMTP server for tests: mail sent to it through nodemailer lands in `inbox`, parsed.
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";

export type Inbox = { mails: ParsedMail[]; url: string; refuseNext: (count: number) => void; close: () => Promise<void> };

export async function startSmtpInbox(port = 0): Promise<Inbox> {
  const mails: ParsedMail[] = [];
  let refusals = 0;
  const server = new SMTPServer({
    authOptional: true,
    disableReverseLookup: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, callback) {
      if (refusals > 0) {
        refusals--;
        stream.resume();
        return callback(Object.assign(new Error("Mailbox temporarily unavailable"), { responseCode: 451 }));
      }
      simpleParser(stream).then((mail) => {
        mails.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: bound } = server.server.address() as { port: number };
  return {
    mails,
    url: `smtp://127.0.0.1:${bound}`,
    refuseNext: (count) => (refusals = count),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
