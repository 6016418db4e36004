import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startFakeCloud, until } from "../support/cloud.ts";
import { CONNECTOR_ID, CREDENTIAL, runConnector, SECRET, tempDir } from "../support/connector.ts";

const ROTATE_TOKEN = "rotate-abcdefghijklmnop";
const NEW_SECRET = "rotated-secret-0123456789abcdef";

/** A state dir enrolled as conn-1 with SECRET, then the connector rotated in the cloud (old secret refused). */
async function rotatedSetup() {
  const cloud = await startFakeCloud({
    credentials: { [CONNECTOR_ID]: SECRET },
    enrollmentTokens: { [ROTATE_TOKEN]: { connectorId: CONNECTOR_ID, secret: NEW_SECRET } },
  });
  const stateDir = await tempDir();
  const first = await runConnector(cloud, { stateDir });
  await cloud.waitFor((m) => m.type === "hello");
  await first.stop();
  cloud.credentials.delete(CONNECTOR_ID);
  cloud.authorizations.length = 0;
  return { cloud, stateDir };
}

describe("rotate", () => {
  it("re-enrolls with the token given at restart once the stored credential is refused, and keeps the new secret", async () => {
    const { cloud, stateDir } = await rotatedSetup();
    const c = await runConnector(cloud, { stateDir, token: ROTATE_TOKEN });
    await until(() => c.socket.connected, 5_000, "connect with the rotate token");
    expect(cloud.authorizations).toEqual([`Bearer ${CREDENTIAL}`, `Bearer ${ROTATE_TOKEN}`]);
    await until(async () => (await readFile(join(stateDir, "credentials.json"), "utf8")).includes(NEW_SECRET));
    expect(JSON.parse(await readFile(join(stateDir, "credentials.json"), "utf8"))).toEqual({
      connectorId: CONNECTOR_ID,
      secret: NEW_SECRET,
    });
    await c.stop();
    // Restarted with the same (now spent) token: the new stored credential is used, the token is not.
    cloud.authorizations.length = 0;
    const again = await runConnector(cloud, { stateDir, token: ROTATE_TOKEN });
    await until(() => again.socket.connected, 5_000, "connect with the new secret");
    expect(cloud.authorizations).toEqual([`Bearer ${CONNECTOR_ID}.${NEW_SECRET}`]);
  });

  it("goes back to the stored credential, retrying slowly, when the enrollment token is refused too", async () => {
    const { cloud, stateDir } = await rotatedSetup();
    await runConnector(cloud, { stateDir, token: "spent-abcdefghijklmnopq", socket: { backoffCapMs: 150 } });
    await until(() => cloud.authorizations.length >= 4, 5_000, "four attempts");
    expect(cloud.authorizations.slice(0, 4)).toEqual([
      `Bearer ${CREDENTIAL}`,
      "Bearer spent-abcdefghijklmnopq",
      `Bearer ${CREDENTIAL}`,
      `Bearer ${CREDENTIAL}`,
    ]);
  });
});
