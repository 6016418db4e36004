import type { z } from "zod";
import { headerSafe } from "./html";
import { layoutHtml, layoutText } from "./layout";
import { TEMPLATE_NAMES, TEMPLATES, type TemplateName } from "./templates";
import { EMAIL_LOCALES, type EmailBrand, type EmailLocale, type RenderedEmail } from "./types";

/** A template that does not exist or data that does not fit it: permanent, retrying cannot help. */
export class TemplateError extends Error {
  override name = "TemplateError";
}

export function isTemplateName(name: string): name is TemplateName {
  return (TEMPLATE_NAMES as string[]).includes(name);
}

/** The tenant's language when we have it, else Indonesian (the platform's default). */
export function emailLocale(locale: string | null | undefined): EmailLocale {
  return (EMAIL_LOCALES as readonly string[]).includes(locale ?? "") ? (locale as EmailLocale) : "id";
}

export type TemplateData<N extends TemplateName> = z.input<(typeof TEMPLATES)[N]["schema"]>;

/**
 * Renders a template in the tenant's language: subject (one line), HTML (every value escaped by
 * the `html` tag) and text. Pure: same input, same output. Throws `TemplateError` on an unknown
 * template or data that does not match its schema.
 */
export function renderEmail(name: string, locale: string, data: unknown, brand: EmailBrand): RenderedEmail {
  if (!isTemplateName(name)) throw new TemplateError(`unknown email template "${name}"`);
  const template = TEMPLATES[name];
  const parsed = template.schema.safeParse(data);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join(".") || "(root)").join(", ");
    throw new TemplateError(`data for email template "${name}" is invalid: ${fields}`);
  }
  const lang = emailLocale(locale);
  // The schema and the renderer belong to the same template; TS cannot correlate them through the union.
  const render = template.render[lang] as (d: unknown, b: EmailBrand) => ReturnType<typeof template.render.id>;
  const parts = render(parsed.data, brand);
  const subject = headerSafe(parts.subject);
  return {
    subject,
    html: layoutHtml(brand, lang, subject, parts.html),
    text: layoutText(brand, lang, parts.text),
  };
}
