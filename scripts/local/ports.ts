/**
 * Fixed local ports, all below 32768 (the kernel's ephemeral range starts there, and a listener
 * inside it once collided with an outgoing client port). Dev and test use separate ones, so
 * `npm test` runs while `npm start` is up.
 */
export const DEV = { postgres: 15432, wsProxy: 15442, api: 8787, smtp: 15025, smtpWeb: 15080 } as const;
export const TEST = { postgres: 15433, wsProxy: 15443, smtp: 15026 } as const;
