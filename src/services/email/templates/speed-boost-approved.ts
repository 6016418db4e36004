import { z } from "zod";
import { formatInstant, formatRupiah } from "../format";
import type { EmailTemplate } from "../types";
import { amount, instant, notice, text } from "./notice";

const schema = z.object({
  customerName: text(),
  planName: text().nullish(),
  durationDays: z.number().int().positive(),
  startDate: instant(),
  endDate: instant(),
  price: amount(),
});

/** To the customer, when a requested speed boost is approved (and active from `startDate`). */
export const speedBoostApproved: EmailTemplate<typeof schema> = {
  name: "speed_boost_approved",
  schema,
  render: {
    id: (d, b) =>
      notice("Permintaan speed boost Anda disetujui", {
        greeting: `Halo ${d.customerName},`,
        lines: ["Permintaan peningkatan kecepatan (speed boost) Anda telah disetujui dan sudah aktif."],
        facts: [
          ["Paket", d.planName],
          ["Durasi", `${d.durationDays} hari`],
          ["Mulai", formatInstant(d.startDate, "id", b.timeZone)],
          ["Berakhir", formatInstant(d.endDate, "id", b.timeZone)],
          ["Biaya", formatRupiah(d.price, "id")],
        ],
        closing: "Setelah masa boost berakhir, kecepatan kembali ke paket semula secara otomatis.",
      }),
    en: (d, b) =>
      notice("Your speed boost was approved", {
        greeting: `Hello ${d.customerName},`,
        lines: ["Your speed boost request was approved and is now active."],
        facts: [
          ["Plan", d.planName],
          ["Duration", `${d.durationDays} days`],
          ["Starts", formatInstant(d.startDate, "en", b.timeZone)],
          ["Ends", formatInstant(d.endDate, "en", b.timeZone)],
          ["Price", formatRupiah(d.price, "en")],
        ],
        closing: "When the boost ends, your speed returns to your regular plan automatically.",
      }),
  },
};
