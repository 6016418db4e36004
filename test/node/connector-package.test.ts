import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeCloud } from "../../connector/test/support/cloud.ts";
import { CONNECTOR_ID, CREDENTIAL, SECRET } from "../../connector/test/support/connector.ts";
import { stageConnectorPackage } from "../../scripts/connector-build.ts";
import type { Hello } from "../../src/protocol/index.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const VERSION = (JSON.parse(readFileSync(join(ROOT, "connector", "package.json"), "utf8")) as { version: string })
  .version;
/** Node ≥ 22 from the `node` devDependency, as an operator's box would run it. */
const NODE = join(ROOT, "node_modules", ".bin", "node");

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

/** A staged package in a directory removed after the test; returns the directory and its bin. */
async function packedConnector(): Promise<{ dir: string; bin: string }> {
  const dir = mkdtempSync(join(tmpdir(), "rtrw-connector-package-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, bin: await stageConnectorPackage(dir) };
}

describe("the connector package", () => {
  it("publishes the bin, the bundle and the README, and nothing of the sources or tests", async () => {
    const { dir } = await packedConnector();
    const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: dir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    const [packed] = JSON.parse(out) as { name: string; files: { path: string }[] }[];
    expect(packed?.name).toBe("@rtrwnet/connector");
    expect(packed?.files.map((f) => f.path).sort()).toEqual([
      "README.md",
      "bin/rtrwnet-connector.js",
      "dist/rtrwnet-connector.js",
      "dist/rtrwnet-connector.js.map",
      "package.json",
    ]);
  });

  it("runs from its build alone: prints its version, connects with its credential and says hello", async () => {
    const { dir, bin } = await packedConnector();
    expect(execFileSync(NODE, [bin, "--version"], { encoding: "utf8" }).trim()).toBe(VERSION);
    const cloud = await startFakeCloud({
      credentials: { [CONNECTOR_ID]: SECRET },
      onConnect: (send) => send({ type: "config", routers: [], devices: [], pollIntervalMs: 60_000 }),
    });
    const state = join(dir, "state");
    const child: ChildProcess = spawn(NODE, [bin, "--server", cloud.url, "--token", CREDENTIAL, "--state-dir", state], {
      stdio: "ignore",
    });
    cleanups.push(() => child.kill("SIGKILL"));
    const hello = await cloud.waitFor((m): m is Hello => m.type === "hello", 15_000);
    expect(hello).toMatchObject({ connectorId: CONNECTOR_ID, version: VERSION, routers: [] });
  });
});
