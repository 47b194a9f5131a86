export interface Mail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** Sends e-mail. Without SMTP_URL, mail is kept in `sent` (shown in logs) and nothing leaves. */
export interface Mailer {
  readonly configured: boolean;
  readonly sent: Mail[];
  send(mail: Mail): Promise<void>;
}

export function createMailer(smtpUrl: string | undefined, from: string): Mailer {
  const sent: Mail[] = [];
  if (!smtpUrl) {
    return {
      configured: false,
      sent,
      async send(mail) {
        sent.push(mail);
        if (sent.length > 100) sent.shift();
      },
    };
  }
  // nodemailer is loaded only when SMTP is configured, and only on the first e-mail.
  let transport: Promise<{ sendMail(message: Record<string, unknown>): Promise<unknown> }> | undefined;
  return {
    configured: true,
    sent,
    async send(mail) {
      transport ??= import('nodemailer').then((m) => m.default.createTransport(smtpUrl));
      await (await transport).sendMail({ from, ...mail });
      sent.push(mail);
      if (sent.length > 100) sent.shift();
    },
  };
}
