import nodemailer from "nodemailer";

/** Sends one plain-text + HTML e-mail through SMTP (`SMTP_URL`, e.g. smtp://user:pass@host:587). */
export async function sendEmail(options: {
  smtpUrl: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
}): Promise<{ messageId: string }> {
  const transport = nodemailer.createTransport(options.smtpUrl);
  try {
    const info = await transport.sendMail({
      from: options.from,
      to: options.to,
      subject: options.subject,
      text: options.text,
      ...(options.html ? { html: options.html } : {}),
    });
    return { messageId: info.messageId };
  } finally {
    transport.close();
  }
}
