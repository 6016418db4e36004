/**
 * Fixed local ports, all below 32768 (the kernel's ephemeral range starts there, and a listener
 * inside it once collided with an outgoing client port). Dev and test use separate ones, so
 * `npm test` runs while `npm start` is up.
 */
export const DEV = { postgres: 15432, wsProxy: 15442, api: 8787, smtp: 15025, smtpWeb: 15080 } as const;
export const TEST = testPorts(Number(process.env.RTRW_TEST_SLOT ?? 0));

/**
 * Test ports of a slot: slot 0 is the default; `RTRW_TEST_SLOT=1..9` gives a parallel test run
 * (another checkout, another engineer's session) its own Postgres, proxy and data directory.
 */
export function testPorts(slot: number) {
  if (!Number.isInteger(slot) || slot < 0 || slot > 9) throw new Error(`RTRW_TEST_SLOT must be 0-9, got ${slot}`);
  if (slot === 0) return { slot, postgres: 15433, wsProxy: 15443, smtp: 15026 };
  const base = 16000 + slot * 10;
  return { slot, postgres: base, wsProxy: base + 1, smtp: base + 2 };
}
