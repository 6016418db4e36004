/** The `rtrwnet-connector` program: parse configuration, then run (or `--check`) until signalled. */

import { runCheck } from "./check.ts";
import { type ParsedConfig, parseConfig, USAGE } from "./config.ts";
import { startConnector } from "./connector.ts";
import { createLogger } from "./log.ts";
import { CONNECTOR_VERSION } from "./version.ts";

async function main(parsed: ParsedConfig): Promise<number> {
  if (parsed.ok === "help") {
    console.log(USAGE);
    return 0;
  }
  if (parsed.ok === "version") {
    console.log(CONNECTOR_VERSION);
    return 0;
  }
  if (!parsed.ok) {
    console.error(`rtrwnet-connector: ${parsed.error}\n\n${USAGE}`);
    return 2;
  }
  const { config } = parsed;
  if (config.check) {
    return runCheck({
      server: config.server,
      token: config.token,
      stateDir: config.stateDir,
      out: (l) => console.log(l),
    });
  }
  const log = createLogger({ level: config.logLevel, fields: { app: "rtrwnet-connector" } });
  log.info("starting", { version: CONNECTOR_VERSION, server: config.server, stateDir: config.stateDir });
  const connector = await startConnector({
    server: config.server,
    token: config.token,
    stateDir: config.stateDir,
    log,
    allowNetworks: config.allowNetworks,
  });
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info("stopping", { signal });
      void connector.stop().then(resolve);
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  });
  return 0;
}

main(parseConfig(process.argv.slice(2), process.env)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`rtrwnet-connector: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
);
