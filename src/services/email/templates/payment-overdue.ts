import { z } from "zod";
import { formatDate, formatRupiah } from "../format";
import type { EmailTemplate } from "../types";
import { amount, calendarDate, notice, text } from "./notice";

const schema = z.object({
  customerName: text(),
  invoiceNumber: text(64),
  amount: amount(),
  dueDate: calendarDate(),
});

/** To the customer, when an unpaid invoice passes its due date (Property 20 → Property 59). */
export const paymentOverdue: EmailTemplate<typeof schema> = {
  name: "payment_overdue",
  schema,
  render: {
    id: (d) =>
      notice(`Tagihan ${d.invoiceNumber} telah jatuh tempo`, {
        greeting: `Halo ${d.customerName},`,
        lines: ["Tagihan internet Anda berikut belum kami terima pembayarannya dan telah melewati jatuh tempo."],
        facts: [
          ["Nomor tagihan", d.invoiceNumber],
          ["Jumlah", formatRupiah(d.amount, "id")],
          ["Jatuh tempo", formatDate(d.dueDate, "id")],
        ],
        closing: "Mohon segera lakukan pembayaran agar layanan tidak terganggu. Abaikan pesan ini bila sudah membayar.",
      }),
    en: (d) =>
      notice(`Invoice ${d.invoiceNumber} is overdue`, {
        greeting: `Hello ${d.customerName},`,
        lines: ["We have not yet received payment for the following internet invoice, which is now past its due date."],
        facts: [
          ["Invoice number", d.invoiceNumber],
          ["Amount", formatRupiah(d.amount, "en")],
          ["Due date", formatDate(d.dueDate, "en")],
        ],
        closing: "Please pay soon to keep your service running. Ignore this message if you have already paid.",
      }),
  },
};
