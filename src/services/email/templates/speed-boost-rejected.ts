import { z } from "zod";
import type { EmailTemplate } from "../types";
import { notice, text } from "./notice";

const schema = z.object({
  customerName: text(),
  planName: text().nullish(),
  reason: text(1000),
});

/** To the customer, when a speed boost request is rejected (with the reason, Property 36). */
export const speedBoostRejected: EmailTemplate<typeof schema> = {
  name: "speed_boost_rejected",
  schema,
  render: {
    id: (d) =>
      notice("Permintaan speed boost Anda ditolak", {
        greeting: `Halo ${d.customerName},`,
        lines: ["Mohon maaf, permintaan peningkatan kecepatan (speed boost) Anda tidak dapat kami setujui."],
        facts: [
          ["Paket", d.planName],
          ["Alasan", d.reason],
        ],
        closing: "Silakan hubungi kami bila ada pertanyaan.",
      }),
    en: (d) =>
      notice("Your speed boost request was rejected", {
        greeting: `Hello ${d.customerName},`,
        lines: ["Sorry, we could not approve your speed boost request."],
        facts: [
          ["Plan", d.planName],
          ["Reason", d.reason],
        ],
        closing: "Please contact us if you have any questions.",
      }),
  },
};
