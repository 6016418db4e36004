/**
 * HTML built only through the `html` tag: every interpolated value is escaped unless it is itself
 * `SafeHtml` made by the tag, so a template cannot forget to escape a customer's name. Pure.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "`": "&#96;",
};

/** Text → HTML text or attribute value (quotes and backtick included, so attributes are safe too). */
export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"'`]/g, (ch) => ESCAPES[ch] ?? ch);
}

function piece(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(piece).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(value);
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((v, i) => {
    out += piece(v) + (strings[i + 1] ?? "");
  });
  return new SafeHtml(out);
}

/** A header value on one line: CR/LF and other control characters would inject headers. */
export function headerSafe(value: string, max = 200): string {
  const line = Array.from(value, (ch) => (isControl(ch) ? " " : ch)).join("");
  return line.trim().slice(0, max);
}

export function isControl(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}
