/** The billing cron jobs (wired into `scheduled` by the Worker entry) and the invoice view. */
export { getInvoice, type Invoice } from "./invoice";
export { type BillingRunOptions, runMonthlyBilling } from "./monthly-billing";
export { markOverduePayments } from "./overdue";
