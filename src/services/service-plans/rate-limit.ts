/**
 * The RouterOS `rate-limit` string of a plan (PPP profile / simple queue):
 * `rx/tx [burst-rx/burst-tx threshold-rx/threshold-tx time-rx/time-tx priority]`, e.g.
 * `10M/20M 15M/30M 8M/16M 10/10 8`. From the router's side, rx is what it receives from the
 * customer (the customer's upload) and tx what it sends (the customer's download). Pure, so it is
 * property-tested (format and round trip).
 */

/** A value per direction: rx = customer upload, tx = customer download. */
export interface RxTx {
  rx: number;
  tx: number;
}

export interface RateLimit {
  /** Max rate, Mbps. */
  rate: RxTx;
  /** Burst limit and threshold in Mbps, burst time in seconds; null = no burst. */
  burst: { limit: RxTx; threshold: RxTx; time: RxTx } | null;
  /** Queue priority, 1 (highest) … 8 (lowest, RouterOS default). */
  priority: number;
}

const DEFAULT_PRIORITY = 8;

const mbps = (p: RxTx) => `${p.rx}M/${p.tx}M`;

/**
 * Positional format: priority can only be given after the three burst pairs, so a plan without
 * burst but with a priority other than 8 gets `0/0 0/0 0/0 <priority>` (0 = burst off in RouterOS).
 */
export function formatRateLimit(r: RateLimit): string {
  const base = mbps(r.rate);
  if (r.burst) {
    const { limit, threshold, time } = r.burst;
    return `${base} ${mbps(limit)} ${mbps(threshold)} ${time.rx}/${time.tx} ${r.priority}`;
  }
  return r.priority === DEFAULT_PRIORITY ? base : `${base} 0/0 0/0 0/0 ${r.priority}`;
}

const PAIR_M = /^(\d+)M\/(\d+)M$/;
const PAIR = /^(\d+)\/(\d+)$/;

function pair(token: string | undefined, pattern: RegExp): RxTx | undefined {
  const m = token === undefined ? null : pattern.exec(token);
  return m ? { rx: Number(m[1]), tx: Number(m[2]) } : undefined;
}

const isZero = (p: RxTx) => p.rx === 0 && p.tx === 0;

/** Parses what `formatRateLimit` writes (M units only); throws on anything else. */
export function parseRateLimit(text: string): RateLimit {
  const tokens = text.split(" ");
  const rate = pair(tokens[0], PAIR_M);
  if (!rate) throw new Error(`not a rate limit: ${text}`);
  if (tokens.length === 1) return { rate, burst: null, priority: DEFAULT_PRIORITY };
  const limit = pair(tokens[1], PAIR_M) ?? pair(tokens[1], PAIR);
  const threshold = pair(tokens[2], PAIR_M) ?? pair(tokens[2], PAIR);
  const time = pair(tokens[3], PAIR);
  const priority = Number(tokens[4]);
  if (tokens.length !== 5 || !limit || !threshold || !time || !/^[1-8]$/.test(tokens[4] ?? "")) {
    throw new Error(`not a rate limit: ${text}`);
  }
  const off = isZero(limit) && isZero(threshold) && isZero(time);
  return { rate, burst: off ? null : { limit, threshold, time }, priority };
}

/** What the plan and its advanced settings store (Mbps, seconds). */
export interface PlanSpeeds {
  speedDownloadMbps: number;
  speedUploadMbps: number;
}
export interface BurstSettings {
  burstEnabled: boolean;
  burstLimitMbps: number | null;
  burstThresholdMbps: number | null;
  burstTimeSeconds: number | null;
  priority: number;
}

/**
 * `value` (a download-direction figure) scaled to the upload direction by the plan's upload/download
 * ratio, rounded half up in integer arithmetic, and at least 1 (RouterOS reads 0 as "off").
 */
export function toUploadDirection(value: number, plan: PlanSpeeds): number {
  const scaled = Math.floor((2 * value * plan.speedUploadMbps + plan.speedDownloadMbps) / (2 * plan.speedDownloadMbps));
  return Math.max(1, scaled);
}

/**
 * A plan's rate limit. The stored burst limit and threshold are single figures for the download
 * direction (what plans are sold by); the upload figures keep the plan's upload/download ratio, so
 * a 10/20 plan with burst 30 and threshold 16 becomes `10M/20M 15M/30M 8M/16M 10/10 8`.
 */
export function planRateLimit(plan: PlanSpeeds, settings: BurstSettings): RateLimit {
  const rate = { rx: plan.speedUploadMbps, tx: plan.speedDownloadMbps };
  const { burstLimitMbps: limit, burstThresholdMbps: threshold, burstTimeSeconds: time } = settings;
  if (!settings.burstEnabled || limit === null || threshold === null || time === null) {
    return { rate, burst: null, priority: settings.priority };
  }
  return {
    rate,
    burst: {
      limit: { rx: toUploadDirection(limit, plan), tx: limit },
      threshold: { rx: toUploadDirection(threshold, plan), tx: threshold },
      time: { rx: time, tx: time },
    },
    priority: settings.priority,
  };
}
