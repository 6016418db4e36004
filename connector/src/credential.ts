import { type ConnectorToken, credentialToken, parseConnectorToken } from "../../src/protocol/index.ts";
import type { Logger } from "./log.ts";
import type { StateDir } from "./state-dir.ts";

type Enrollment = Extract<ConnectorToken, { kind: "enrollment" }>;

/**
 * The token the connector dials with. A stored credential wins over an enrollment token (those are
 * one-time, and the token usually stays in the service's command line after enrollment), but the
 * token is kept as a fallback: when the cloud refuses the stored credential (after
 * `POST /connectors/{id}/rotate`), the connector enrolls with it and replaces `credentials.json`.
 */
export class ConnectorCredential {
  #token: ConnectorToken;
  #fallback: Enrollment | undefined;
  /** The refused stored credential, gone back to (slowly) if the enrollment token is refused too. */
  #refused: ConnectorToken | undefined;
  readonly #state: StateDir;
  readonly #log: Logger;

  private constructor(token: ConnectorToken, fallback: Enrollment | undefined, state: StateDir, log: Logger) {
    this.#token = token;
    this.#fallback = fallback;
    this.#state = state;
    this.#log = log;
  }

  static async resolve(state: StateDir, given: string | undefined, log: Logger): Promise<ConnectorCredential> {
    const parsed = given === undefined ? undefined : parseConnectorToken(given);
    if (parsed?.kind === "credential") {
      await state.writeCredentials({ connectorId: parsed.connectorId, secret: parsed.secret });
      return new ConnectorCredential(parsed, undefined, state, log);
    }
    const stored = await state.readCredentials();
    if (stored) {
      if (parsed) {
        log.info("already enrolled; the enrollment token is used only if the cloud refuses the stored credential", {
          connectorId: stored.connectorId,
        });
      }
      return new ConnectorCredential({ kind: "credential", ...stored }, parsed, state, log);
    }
    if (parsed) return new ConnectorCredential(parsed, undefined, state, log);
    throw new Error("no credential in the state directory and no --token to enroll with");
  }

  get token(): ConnectorToken {
    return this.#token;
  }

  /** The `Authorization` bearer value for the next connect attempt. */
  bearer(): string {
    const t = this.#token;
    return t.kind === "credential" ? credentialToken(t.connectorId, t.secret) : t.token;
  }

  /** The cloud answered an enrollment with the long-lived secret: store it and use it from now on. */
  async enrolled(connectorId: string, secret: string): Promise<void> {
    await this.#state.writeCredentials({ connectorId, secret });
    this.#token = { kind: "credential", connectorId, secret };
    this.#refused = undefined;
  }

  /**
   * The cloud refused the current token. True when another one is ready to try at once (the
   * enrollment token, once per start); false when only an operator can fix it (retry slowly).
   */
  onRefused(): boolean {
    const t = this.#token;
    if (t.kind === "credential" && this.#fallback) {
      this.#log.warn("the cloud refused the stored credential (rotated?); enrolling with the given token", {
        connectorId: t.connectorId,
      });
      this.#refused = t;
      this.#token = this.#fallback;
      this.#fallback = undefined;
      return true;
    }
    if (t.kind === "enrollment" && this.#refused) {
      this.#log.error(
        "the enrollment token was refused too; rotate the connector again and restart with the new token",
      );
      this.#token = this.#refused;
      this.#refused = undefined;
    }
    return false;
  }
}
