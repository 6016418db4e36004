import { html, type SafeHtml } from "./html";
import type { EmailBrand, EmailLocale } from "./types";

const FOOTER: Record<EmailLocale, string> = {
  id: "Email ini dikirim otomatis oleh sistem. Mohon tidak membalas email ini.",
  en: "This email was sent automatically. Please do not reply to it.",
};

/** The shared HTML shell: inline styles only, since mail clients drop <style> and external CSS. */
export function layoutHtml(brand: EmailBrand, locale: EmailLocale, subject: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${subject}</title></head>
<body style="margin:0;padding:24px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1f2933">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">
<p style="margin:0 0 16px;font-size:18px;font-weight:bold">${brand.tenantName}</p>
${body}
<p style="margin:24px 0 0;font-size:12px;color:#7b8794">${FOOTER[locale]}</p>
</div>
</body>
</html>
`.value;
}

export function layoutText(brand: EmailBrand, locale: EmailLocale, paragraphs: string[]): string {
  return `${paragraphs.join("\n\n")}\n\n-- \n${brand.tenantName}\n${FOOTER[locale]}\n`;
}

/** A two-column table of facts (label, value), the usual body of a notification. */
export function factsTable(rows: [string, unknown][]): SafeHtml {
  return html`<table style="border-collapse:collapse;width:100%;margin:12px 0">${rows.map(
    ([label, value]) =>
      html`<tr><td style="padding:6px 8px;color:#52606d;width:40%">${label}</td><td style="padding:6px 8px;font-weight:bold">${value}</td></tr>`,
  )}</table>`;
}

/** "Label: value" lines of the text part, matching `factsTable`. */
export function factsText(rows: [string, unknown][]): string {
  return rows.map(([label, value]) => `${label}: ${String(value)}`).join("\n");
}
