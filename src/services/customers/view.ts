import type { Customer } from "../../db/schema";

/** The customer as the API shows it: the PPPoE password never leaves, only whether there is one. */
export function toCustomerView(c: Customer) {
  return {
    id: c.id,
    customerCode: c.customerCode,
    name: c.name,
    email: c.email,
    phone: c.phone,
    address: c.address,
    latitude: c.latitude,
    longitude: c.longitude,
    servicePlanId: c.servicePlanId,
    effectivePlanId: c.effectivePlanId,
    routerId: c.routerId,
    status: c.status,
    /** While suspended: `nonpayment` (isolir by the overdue job, lifted when paid) or `manual`. */
    suspensionCause: c.status === "suspended" ? (c.suspensionCause ?? "manual") : null,
    installationDate: c.installationDate,
    billingDay: c.billingDay,
    monthlyFee: c.monthlyFee,
    notes: c.notes,
    pppoeUsername: c.pppoeUsername,
    hasPppoePassword: c.pppoePasswordEnc !== null,
    provisioningState: c.provisioningState,
    provisioningError: c.provisioningError,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
export type CustomerView = ReturnType<typeof toCustomerView>;
