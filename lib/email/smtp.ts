// The SMTP transport (nodemailer), created on first use and kept for the life of the process:
// nodemailer pools nothing by default, but building the transport parses the URL and sets up
// TLS options once instead of per email. Kept on globalThis so Next's hot reload and its
// several bundle layers share one.
import "server-only";
import nodemailer, { type Transporter } from "nodemailer";

const g = globalThis as unknown as { civitasSmtp?: { url: string; transport: Transporter } };

export function smtpTransport(url: string): Transporter {
  if (g.civitasSmtp?.url !== url) g.civitasSmtp = { url, transport: nodemailer.createTransport(url) };
  return g.civitasSmtp.transport;
}
