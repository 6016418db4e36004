import { readFileSync } from "node:fs";

/** The connector's version, from its package.json (one source of truth). */
export const CONNECTOR_VERSION: string = (() => {
  const pkg: unknown = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  return typeof pkg === "object" && pkg !== null && "version" in pkg && typeof pkg.version === "string"
    ? pkg.version
    : "0.0.0";
})();
