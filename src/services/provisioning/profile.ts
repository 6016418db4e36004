import { EnsureProfileArgsSchema, type OpArgs } from "../../protocol";
import { formatRateLimit, planRateLimit } from "../service-plans/rate-limit";

export type ProfileArgs = OpArgs<"ensureProfile">;

/** What a plan's PPP profile is built from: the plan's speeds and its advanced settings, if any. */
export interface PlanForProfile {
  id: string;
  speedDownloadMbps: number;
  speedUploadMbps: number;
  settings: {
    burstEnabled: boolean;
    burstLimitMbps: number | null;
    burstThresholdMbps: number | null;
    burstTimeSeconds: number | null;
    priority: number;
    addressPool: string | null;
    dnsServers: string[];
    parentQueue: string | null;
  } | null;
}

/**
 * The profile name of a plan on every router: from the plan's id, not its name, so renaming a plan
 * never strands its customers on an old profile (the comment `rtrw:<planId>` says the same).
 */
export function planProfileName(planId: string): string {
  return `rtrw-plan-${planId}`;
}

const NO_BURST = {
  burstEnabled: false,
  burstLimitMbps: null,
  burstThresholdMbps: null,
  burstTimeSeconds: null,
  priority: 8,
};

/**
 * The `ensureProfile` arguments of a plan: rate limit (with burst and priority) from the plan and its
 * advanced settings, remote address pool, DNS servers (IPv4 ones: what a PPP profile takes) and
 * parent queue. An error names what RouterOS would refuse.
 */
export function planProfile(plan: PlanForProfile): { ok: true; args: ProfileArgs } | { ok: false; reason: string } {
  const s = plan.settings;
  const rateLimit = formatRateLimit(planRateLimit(plan, s ?? NO_BURST));
  const dns = (s?.dnsServers ?? []).filter((d) => /^\d{1,3}(\.\d{1,3}){3}$/.test(d)).slice(0, 4);
  const candidate = {
    name: planProfileName(plan.id),
    rateLimit,
    planId: plan.id,
    ...(s?.addressPool ? { remoteAddressPool: s.addressPool } : {}),
    ...(dns.length ? { dnsServers: dns } : {}),
    ...(s?.parentQueue ? { parentQueue: s.parentQueue } : {}),
  };
  const parsed = EnsureProfileArgsSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      reason: `plan ${plan.id} cannot become a PPP profile: ${issue?.path.join(".")} ${issue?.message}`,
    };
  }
  return { ok: true, args: parsed.data };
}
