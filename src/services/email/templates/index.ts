import type { EmailTemplate } from "../types";
import { accountLocked } from "./account-locked";
import { backupFailed } from "./backup-failed";
import { connectorOffline } from "./connector-offline";
import { deviceOffline } from "./device-offline";
import { invoiceIssued } from "./invoice-issued";
import { paymentOverdue } from "./payment-overdue";
import { speedBoostApproved } from "./speed-boost-approved";
import { speedBoostRejected } from "./speed-boost-rejected";
import { ticketAssigned } from "./ticket-assigned";
import { ticketCreated } from "./ticket-created";

/** Every email the platform sends, by the name stored in `notifications.template`. */
export const TEMPLATES = {
  payment_overdue: paymentOverdue,
  invoice_issued: invoiceIssued,
  ticket_created: ticketCreated,
  ticket_assigned: ticketAssigned,
  speed_boost_approved: speedBoostApproved,
  speed_boost_rejected: speedBoostRejected,
  device_offline: deviceOffline,
  connector_offline: connectorOffline,
  backup_failed: backupFailed,
  account_locked: accountLocked,
} as const satisfies Record<string, EmailTemplate>;

export type TemplateName = keyof typeof TEMPLATES;
export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];
