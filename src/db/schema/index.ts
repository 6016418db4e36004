/*
 * The whole database schema, one module per aggregate. drizzle-kit reads this file
 * (drizzle/drizzle.config.ts) and the app passes it to drizzle() for typed queries.
 * Row-level security, grants and the audit-log triggers are not expressed here: they are
 * hand-written in drizzle/0001_security.sql.
 */
export * from "./alerts";
export * from "./audit-logs";
export * from "./backups";
export * from "./connectors";
export * from "./customers";
export * from "./devices";
export * from "./domain-events";
export * from "./infrastructure-items";
export * from "./jobs";
export * from "./mikrotik-routers";
export * from "./monitoring";
export * from "./notifications";
export * from "./payments";
export * from "./service-plans";
export * from "./speed-boosts";
export * from "./tenants";
export * from "./tickets";
export * from "./users";
