import { z } from "zod";
import type { EmailTemplate } from "../types";
import { notice, text } from "./notice";

const schema = z.object({
  ticketNumber: text(64),
  title: text(300),
  priority: text(32),
  customerName: text().nullish(),
});

/** To the tenant's staff who handle tickets, when a ticket is opened. */
export const ticketCreated: EmailTemplate<typeof schema> = {
  name: "ticket_created",
  schema,
  render: {
    id: (d) =>
      notice(`Tiket baru ${d.ticketNumber}: ${d.title}`, {
        lines: ["Sebuah tiket gangguan baru telah dibuat."],
        facts: [
          ["Nomor tiket", d.ticketNumber],
          ["Judul", d.title],
          ["Prioritas", d.priority],
          ["Pelanggan", d.customerName],
        ],
      }),
    en: (d) =>
      notice(`New ticket ${d.ticketNumber}: ${d.title}`, {
        lines: ["A new support ticket has been opened."],
        facts: [
          ["Ticket number", d.ticketNumber],
          ["Title", d.title],
          ["Priority", d.priority],
          ["Customer", d.customerName],
        ],
      }),
  },
};
