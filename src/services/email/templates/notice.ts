import { z } from "zod";
import { html } from "../html";
import { factsTable, factsText } from "../layout";
import type { LocalizedEmail } from "../types";

/** The shape every notification shares: a greeting, a few sentences, the facts, a closing line. */
export interface NoticeParts {
  greeting?: string;
  lines: string[];
  facts: [string, unknown][];
  closing?: string;
}

/** Facts without a value (optional data not given: null or undefined) are left out. */
export function notice(subject: string, parts: NoticeParts): LocalizedEmail {
  const facts = parts.facts.filter(([, value]) => value !== undefined && value !== null);
  const intro = [parts.greeting, ...parts.lines].filter((l): l is string => Boolean(l));
  return {
    subject,
    text: [...intro, factsText(facts), ...(parts.closing ? [parts.closing] : [])],
    html: html`${intro.map((l) => html`<p style="margin:0 0 12px">${l}</p>`)}${factsTable(facts)}${
      parts.closing ? html`<p style="margin:12px 0 0">${parts.closing}</p>` : ""
    }`,
  };
}

/** Free text in template data: any characters (the renderer escapes them), bounded in length. */
export const text = (max = 200) => z.string().max(max);
export const amount = () => z.number().int().nonnegative();
export const calendarDate = () => z.string().regex(/^\d{4}-\d{2}-\d{2}/);
export const instant = () => z.string().min(1).max(40);
