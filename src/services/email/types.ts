import type { z } from "zod";
import type { SafeHtml } from "./html";

export const EMAIL_LOCALES = ["id", "en"] as const;
export type EmailLocale = (typeof EMAIL_LOCALES)[number];

/** What a template knows about where it is sent from. */
export interface EmailBrand {
  tenantName: string;
  timeZone: string;
}

/** One language of a template: plain text and HTML of the same message. */
export interface LocalizedEmail {
  subject: string;
  /** Paragraphs of the text part; joined with blank lines. */
  text: string[];
  /** The HTML body inside the shared layout; built with the escaping `html` tag. */
  html: SafeHtml;
}

export interface EmailTemplate<S extends z.ZodType = z.ZodType> {
  name: string;
  /** The data the template needs; validated before rendering (a bad payload fails, never half-renders). */
  schema: S;
  render: Record<EmailLocale, (data: z.infer<S>, brand: EmailBrand) => LocalizedEmail>;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}
