import type { EmailLocale } from "./types";

/**
 * Locale-aware formatting of template values. Amounts are integer rupiah; dates are ISO strings,
 * shown as the tenant's calendar (a due date is already a calendar date, instants go through the
 * tenant's zone).
 */
const INTL_LOCALE: Record<EmailLocale, string> = { id: "id-ID", en: "en-GB" };

export function formatRupiah(amount: number, locale: EmailLocale): string {
  return `Rp ${new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: 0 }).format(amount)}`;
}

/** `YYYY-MM-DD` → "15 Januari 2027" / "15 January 2027" (no zone: it is a calendar date). */
export function formatDate(date: string, locale: EmailLocale): string {
  const [y, m, d] = date.slice(0, 10).split("-").map(Number) as [number, number, number];
  if (!y || !m || !d) return date;
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** An instant, in the tenant's zone: "15 Januari 2027 08.30 WIB"-like. */
export function formatInstant(iso: string, locale: EmailLocale, timeZone: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    dateStyle: "long",
    timeStyle: "short",
    timeZone,
  }).format(at);
}
