import { z } from "zod";
import { formatInstant } from "../format";
import type { EmailTemplate } from "../types";
import { instant, notice, text } from "./notice";

const schema = z.object({
  connectorName: text(),
  lastSeen: instant().nullish(),
});

/**
 * To the admins and technicians, when a connector (the on-site box every router and probed device
 * is reached through) stops reporting. Its own template rather than `device_offline`: a connector
 * has no address to show, and what is lost (the monitoring of everything behind it) and what to
 * check (the box on site) differ from a single device's.
 */
export const connectorOffline: EmailTemplate<typeof schema> = {
  name: "connector_offline",
  schema,
  render: {
    id: (d, b) =>
      notice(`Konektor ${d.connectorName} offline`, {
        lines: [
          "Konektor berikut (perangkat agen di lokasi yang menghubungkan jaringan Anda ke sistem ini) tidak lagi melapor dan dianggap offline.",
          "Selama konektor offline, router dan perangkat di belakangnya tidak dapat dipantau.",
        ],
        facts: [
          ["Konektor", d.connectorName],
          ["Terakhir terlihat", d.lastSeen ? formatInstant(d.lastSeen, "id", b.timeZone) : "tidak pernah"],
        ],
        closing: "Mohon periksa catu daya dan koneksi jaringan/internet perangkat konektor di lokasi.",
      }),
    en: (d, b) =>
      notice(`Connector ${d.connectorName} is offline`, {
        lines: [
          "The following connector (the on-site agent box that links your network to this system) stopped reporting and is considered offline.",
          "While it is offline, the routers and devices behind it cannot be monitored.",
        ],
        facts: [
          ["Connector", d.connectorName],
          ["Last seen", d.lastSeen ? formatInstant(d.lastSeen, "en", b.timeZone) : "never"],
        ],
        closing: "Please check the power and the network/internet connection of the connector box on site.",
      }),
  },
};
