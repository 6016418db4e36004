/** Every Durable Object class of the Worker; `src/index.ts` re-exports them for the runtime. */
export { ConnectorGateway } from "./connector-gateway";
export { RateLimiter } from "./rate-limiter";
export { TenantHub } from "./tenant-hub";
