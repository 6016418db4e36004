import { describe, expect, it } from "vitest";
import { describeConnectFailure, errorCode } from "../../src/routeros/describe.ts";
import { classifyConnectError } from "../../src/routeros/errors.ts";

const at = { host: "10.0.0.1", port: 8728 };
const sockErr = (code: string, message = `connect ${code} 10.0.0.1:8728`) =>
  Object.assign(new Error(message), { code });
/** What node-routeros rejects with: a `RosException` keeping only the socket error's numeric errno. */
const rosException = (errno: number | string | undefined, message = "") =>
  Object.assign(new Error(message), { name: "RosException", errno });

describe("connection failures read the same in --check and at run time", () => {
  it("refused: from node-routeros' bare errno -111 and from a socket error", () => {
    expect(errorCode(rosException(-111))).toBe("ECONNREFUSED");
    expect(classifyConnectError(rosException(-111), at)).toMatchObject({
      kind: "connection",
      retryable: true,
      message: "connection refused by 10.0.0.1:8728",
    });
    expect(describeConnectFailure({ kind: "error", error: sockErr("ECONNREFUSED") }, at)).toBe(
      "connection refused by 10.0.0.1:8728",
    );
  });

  it("timeouts: before TCP is up, in the TLS handshake, at the login, and node-routeros' idle timeout", () => {
    expect(describeConnectFailure({ kind: "timeout", ms: 5000, stage: "tcp" }, at)).toBe(
      "no answer from 10.0.0.1:8728 within 5 s",
    );
    expect(describeConnectFailure({ kind: "timeout", ms: 5000, stage: "tls" }, at)).toBe(
      "TLS handshake with 10.0.0.1:8728 got no answer within 5 s",
    );
    expect(describeConnectFailure({ kind: "timeout", ms: 250, stage: "login" }, at)).toBe(
      "no answer to the login from 10.0.0.1:8728 within 250 ms",
    );
    expect(classifyConnectError(rosException("SOCKTMOUT", "Timed out after 10 seconds"), at)).toMatchObject({
      kind: "timeout",
      message: "no answer from 10.0.0.1:8728",
    });
    expect(classifyConnectError(rosException(-110), at)).toMatchObject({ kind: "timeout" });
  });

  it("refused logins: node-routeros' CANTLOGIN and RouterOS's own words", () => {
    expect(classifyConnectError(rosException("CANTLOGIN", "Username or password is invalid"), at)).toMatchObject({
      kind: "auth",
      retryable: false,
      message: "login refused by 10.0.0.1:8728: Username or password is invalid",
    });
    expect(classifyConnectError(new Error("invalid user name or password (6)"), at).message).toBe(
      "login refused by 10.0.0.1:8728: invalid user name or password (6)",
    );
  });

  it("TLS: the socket's own error is described when node-routeros kept nothing of it", () => {
    const tls = sockErr(
      "ERR_SSL_WRONG_VERSION_NUMBER",
      "80CCF3236D7F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:",
    );
    expect(classifyConnectError(rosException(undefined), at, tls)).toMatchObject({
      kind: "connection",
      message: "TLS handshake with 10.0.0.1:8728 failed: wrong version number",
    });
    expect(describeConnectFailure({ kind: "error", error: sockErr("EPROTO", "write EPROTO") }, at)).toBe(
      "TLS handshake with 10.0.0.1:8728 failed: write EPROTO",
    );
  });

  it("routes, names, resets, closes and the rest", () => {
    const d = (code: string) => describeConnectFailure({ kind: "error", error: sockErr(code) }, at);
    expect(d("EHOSTUNREACH")).toBe("10.0.0.1 is unreachable (no route to the host)");
    expect(d("ENETUNREACH")).toBe("no route to the network of 10.0.0.1");
    expect(d("ENOTFOUND")).toBe("cannot resolve the host name 10.0.0.1");
    expect(d("ECONNRESET")).toBe("connection reset by 10.0.0.1:8728");
    expect(describeConnectFailure({ kind: "closed", connected: true }, at)).toBe(
      "10.0.0.1:8728 closed the connection during the login",
    );
    expect(classifyConnectError(rosException(-999_999), at).message).toMatch(/^cannot connect to 10\.0\.0\.1:8728: /);
    expect(classifyConnectError(rosException(-111), at).message).not.toContain("-111");
  });
});
