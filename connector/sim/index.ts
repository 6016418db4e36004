/** The RouterOS API simulator: tests, the end-to-end test and benchmarks start it with `startRouterOsSim`. */
export type { Reply, SimMode } from "./commands.ts";
export { type RouterOsSim, type SimFaults, type SimOptions, type SimUser, startRouterOsSim } from "./server.ts";
export { type InjectSessionOptions, SimState, SimTable } from "./state.ts";
export type { SimRow } from "./tables.ts";
