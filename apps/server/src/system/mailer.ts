import nodemailer from 'nodemailer';

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
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    configured: true,
    sent,
    async send(mail) {
      await transport.sendMail({ from, ...mail });
      sent.push(mail);
      if (sent.length > 100) sent.shift();
    },
  };
}
