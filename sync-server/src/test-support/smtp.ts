/**
 * A real SMTP server in the test process (the `smtp-server` package) that parses what it receives with `mailparser`,
 * for tests that follow links in the mail the platform sent.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { waitFor } from './harness.ts';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** The http(s) links of the plain-text part, in order. */
  links: string[];
  parsed: ParsedMail;
}

export interface TestSmtpServer {
  /** `smtp://127.0.0.1:<port>`, for `smtpUrl`. */
  url: string;
  received: ReceivedMail[];
  /** How many messages were refused so far. */
  refusals: number;
  /** While > 0, each message is refused with a temporary 451 (and the count goes down by one). */
  refuseNext: number;
  /** Waits for a message to `to` (the `index`-th one, default the first) and returns it. */
  waitForMail(to: string, options?: { index?: number; timeoutMs?: number }): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/** Starts an SMTP server on a free port of 127.0.0.1 (no TLS, no authentication). */
export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const state = { received: [] as ReceivedMail[], refusals: 0, refuseNext: 0 };
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      if (state.refuseNext > 0) {
        state.refuseNext -= 1;
        state.refusals += 1;
        stream.resume();
        stream.on('end', () => {
          const error = Object.assign(new Error('Try again later'), { responseCode: 451 });
          callback(error);
        });
        return;
      }
      simpleParser(stream).then(
        (parsed) => {
          const text = parsed.text ?? '';
          const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
          state.received.push({
            to: to?.value[0]?.address ?? '',
            subject: parsed.subject ?? '',
            text,
            html: typeof parsed.html === 'string' ? parsed.html : '',
            messageId: parsed.messageId ?? '',
            links: [...new Set(text.match(/https?:\/\/[^\s<>"')]+/g) ?? [])],
            parsed
          });
          callback();
        },
        (error: Error) => callback(error)
      );
    }
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  const { port } = (smtp as unknown as { server: { address(): AddressInfo } }).server.address();
  return {
    url: `smtp://127.0.0.1:${port}`,
    get received() {
      return state.received;
    },
    get refusals() {
      return state.refusals;
    },
    get refuseNext() {
      return state.refuseNext;
    },
    set refuseNext(n: number) {
      state.refuseNext = n;
    },
    async waitForMail(to, options = {}) {
      const index = options.index ?? 0;
      const mine = () => state.received.filter((mail) => mail.to === to);
      await waitFor(() => mine().length > index, `mail #${index + 1} to ${to}`, options.timeoutMs ?? 10_000);
      return mine()[index] as ReceivedMail;
    },
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve()))
  };
}
