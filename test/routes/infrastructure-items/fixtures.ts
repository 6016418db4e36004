import { api, describe } from "../../support/api";

export interface ItemBody {
  id: string;
  name: string;
  type: string;
  quantity: number;
  unit: string;
  minimumQuantity: number;
  lowStock: boolean;
  location: string | null;
  notes: string | null;
}

export interface AlertBody {
  id: string;
  type: string;
  severity: string;
  entityType: string;
  entityId: string;
  status: string;
  message: string;
  data: Record<string, unknown> | null;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
}

export async function newItem(headers: Record<string, string>, extra: Record<string, unknown> = {}): Promise<ItemBody> {
  const res = await api<ItemBody>("/api/v1/infrastructure-items", {
    headers,
    body: { name: "Kabel FO drop", type: "cable", unit: "meter", quantity: 500, minimumQuantity: 100, ...extra },
  });
  if (res.status !== 201) throw new Error(`create item failed: ${describe(res)}`);
  return res.body;
}

export const itemPath = (id: string, rest = "") => `/api/v1/infrastructure-items/${id}${rest}`;

/** The tenant's low-stock alerts of one item, as the alerts API lists them. */
export async function lowStockAlerts(headers: Record<string, string>, itemId: string): Promise<AlertBody[]> {
  const res = await api<{ data: AlertBody[] }>(`/api/v1/alerts?type=low_stock&entityId=${itemId}&limit=100`, {
    headers,
  });
  if (res.status !== 200) throw new Error(describe(res));
  return res.body.data;
}
