import type { TENANT_LOCALES } from "../../db/schema";

export type Locale = (typeof TENANT_LOCALES)[number];

const MONTHS: Record<Locale, readonly string[]> = {
  id: [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
  ],
  en: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ],
};

/** Every word an invoice prints, in the tenant's language (Indonesian by default). */
export const INVOICE_LABELS = {
  id: {
    invoice: "Faktur",
    invoiceNumber: "No. Faktur",
    period: "Periode",
    issueDate: "Tanggal Terbit",
    dueDate: "Jatuh Tempo",
    status: "Status",
    paidOn: "Dibayar pada",
    billTo: "Ditagihkan kepada",
    customerCode: "Kode Pelanggan",
    description: "Keterangan",
    quantity: "Jml",
    unitPrice: "Harga Satuan",
    amount: "Jumlah",
    subtotal: "Subtotal",
    total: "Total",
    subscription: (plan: string, period: string) => `Langganan internet ${plan} — ${periodName("id", period)}`,
    speedBoost: (plan: string, days: number) => `Speed boost ${plan}, ${days} hari`,
    statuses: { pending: "Belum dibayar", paid: "Lunas", overdue: "Terlambat", cancelled: "Dibatalkan" },
  },
  en: {
    invoice: "Invoice",
    invoiceNumber: "Invoice No.",
    period: "Period",
    issueDate: "Issue date",
    dueDate: "Due date",
    status: "Status",
    paidOn: "Paid on",
    billTo: "Bill to",
    customerCode: "Customer code",
    description: "Description",
    quantity: "Qty",
    unitPrice: "Unit price",
    amount: "Amount",
    subtotal: "Subtotal",
    total: "Total",
    subscription: (plan: string, period: string) => `Internet subscription ${plan} — ${periodName("en", period)}`,
    speedBoost: (plan: string, days: number) => `Speed boost ${plan}, ${days} days`,
    statuses: { pending: "Unpaid", paid: "Paid", overdue: "Overdue", cancelled: "Cancelled" },
  },
} as const;

/** "November 2026" / "November 2026" — month names by hand, so output does not depend on the runtime's ICU data. */
export function periodName(locale: Locale, period: string): string {
  const [y, m] = period.split("-").map(Number) as [number, number];
  return `${MONTHS[locale][m - 1]} ${y}`;
}

/** "15 November 2026" (both languages put the day first on an invoice). */
export function dateName(locale: Locale, date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return `${d} ${MONTHS[locale][m - 1]} ${y}`;
}

/** "Rp 1.500.000" (id) / "Rp 1,500,000" (en): integer rupiah, grouped by thousands. */
export function rupiah(locale: Locale, amount: number): string {
  const sep = locale === "id" ? "." : ",";
  const digits = String(Math.abs(Math.trunc(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return `${amount < 0 ? "-" : ""}Rp ${digits}`;
}
