/**
 * Speed boost pricing (Property 33), in integer rupiah with integer arithmetic only (BigInt: no
 * float ever touches money). Pure, property-tested.
 */

/** `n ÷ d` rounded to the nearest integer, halves away from zero (d > 0). */
export function divRoundHalfAwayFromZero(n: number, d: number): number {
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d) || d <= 0) throw new RangeError("integers, d > 0");
  const bn = BigInt(n);
  const bd = BigInt(d);
  const q = bn / bd; // truncates toward zero
  const r = bn % bd; // same sign as n
  const twiceRemainder = 2n * (r < 0n ? -r : r);
  return Number(twiceRemainder >= bd ? q + (bn < 0n ? -1n : 1n) : q);
}

/** A month is 30 days for pro-rating, whatever the calendar month. */
export const DAYS_PER_MONTH = 30;

/**
 * The price of boosting from a plan at `currentPrice` to one at `boostPrice` for `days`: the
 * monthly price difference pro-rated per day, `round((boost − current) × days ÷ 30)`. A faster
 * plan that costs no more is a free boost: the price never goes below 0 (no refunds for boosting).
 */
export function speedBoostPrice(currentPrice: number, boostPrice: number, days: number): number {
  return Math.max(0, divRoundHalfAwayFromZero((boostPrice - currentPrice) * days, DAYS_PER_MONTH));
}
