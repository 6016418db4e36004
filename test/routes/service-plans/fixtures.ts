import { expect } from "vitest";
import { type ApiResponse, api, describe } from "../../support/api";

export const MISSING = "00000000-0000-4000-8000-000000000000";

export interface PlanBody {
  id: string;
  name: string;
  description: string | null;
  speedDownloadMbps: number;
  speedUploadMbps: number;
  price: number;
  isActive: boolean;
  features: string[];
}

export interface Page<T> {
  data: T[];
  meta: { page: number; limit: number; total: number; totalPages: number };
}

let seq = 0;
/** A unique plan name for this run. */
export function planName(prefix = "Paket"): string {
  seq += 1;
  return `${prefix} ${seq}-${Math.random().toString(36).slice(2, 7)}`;
}

/** Creates a plan through the API (admin headers) and returns it; fails the test otherwise. */
export async function createPlan(headers: Record<string, string>, over: Partial<PlanBody> = {}): Promise<PlanBody> {
  const res = await api<PlanBody>("/api/v1/service-plans", {
    headers,
    body: { name: planName(), speedDownloadMbps: 20, speedUploadMbps: 10, price: 200_000, ...over },
  });
  expect(res.status, describe(res)).toBe(201);
  return res.body;
}

export function expectProblem(res: ApiResponse, status: number, code?: string) {
  expect(res.status, describe(res)).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  if (code) expect((res.body as { code: string }).code, describe(res)).toBe(code);
}
