import { z } from "zod";
import type { EmailTemplate } from "../types";
import { notice, text } from "./notice";

const schema = z.object({
  ticketNumber: text(64),
  title: text(300),
  priority: text(32),
  assigneeName: text(),
});

/** To the staff member a ticket was assigned to. */
export const ticketAssigned: EmailTemplate<typeof schema> = {
  name: "ticket_assigned",
  schema,
  render: {
    id: (d) =>
      notice(`Tiket ${d.ticketNumber} ditugaskan kepada Anda`, {
        greeting: `Halo ${d.assigneeName},`,
        lines: ["Tiket berikut sekarang menjadi tanggung jawab Anda."],
        facts: [
          ["Nomor tiket", d.ticketNumber],
          ["Judul", d.title],
          ["Prioritas", d.priority],
        ],
      }),
    en: (d) =>
      notice(`Ticket ${d.ticketNumber} was assigned to you`, {
        greeting: `Hello ${d.assigneeName},`,
        lines: ["The following ticket is now yours."],
        facts: [
          ["Ticket number", d.ticketNumber],
          ["Title", d.title],
          ["Priority", d.priority],
        ],
      }),
  },
};
