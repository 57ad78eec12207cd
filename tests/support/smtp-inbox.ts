// A real SMTP server for tests: mail sent to it through nodemailer lands in `inbox`, parsed.
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";

export type Inbox = {
  mails: ParsedMail[];
  url: string;
  refuseNext: (count: number) => void;
  /** Answers 550 (refused for good) to every mail for this address, as a server without that mailbox does. */
  refuseAddress: (address: string) => void;
  close: () => Promise<void>;
};

export async function startSmtpInbox(port = 0): Promise<Inbox> {
  const mails: ParsedMail[] = [];
  let refusals = 0;
  const unknownAddresses = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disableReverseLookup: true,
    disabledCommands: ["STARTTLS"],
    onRcptTo(address, _session, callback) {
      if (unknownAddresses.has(address.address.toLowerCase())) {
        return callback(Object.assign(new Error("No such mailbox here"), { responseCode: 550 }));
      }
      callback();
    },
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
    refuseAddress: (address) => unknownAddresses.add(address.toLowerCase()),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
