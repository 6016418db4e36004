import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { encodeSentence, SentenceDecoder, wordsToStrings } from "../../src/routeros/wire.ts";
import { ADMIN, sim } from "../support/sim.ts";

/** A raw API client: send sentences, read sentences. Tests the simulator without node-routeros. */
class Raw {
  readonly socket: Socket;
  readonly #decoder = new SentenceDecoder();
  readonly #got: string[][] = [];
  #wake: (() => void) | undefined;
  closed = false;

  constructor(port: number) {
    this.socket = connect(port, "127.0.0.1");
    this.socket.on("data", (c) => {
      this.#got.push(...this.#decoder.push(c).map((s) => wordsToStrings(s.words)));
      this.#wake?.();
    });
    this.socket.on("close", () => {
      this.closed = true;
      this.#wake?.();
    });
  }

  send(...words: string[]): void {
    // Word by word, as node-routeros writes: the simulator must reassemble partial frames.
    const bytes = encodeSentence(words);
    for (const b of bytes) this.socket.write(Buffer.from([b]));
  }

  async read(n: number, timeoutMs = 2_000): Promise<string[][]> {
    const end = Date.now() + timeoutMs;
    while (this.#got.length < n && !this.closed && Date.now() < end) {
      await new Promise<void>((r) => {
        this.#wake = r;
        setTimeout(r, 20);
      });
    }
    return this.#got.splice(0, n);
  }
}

const raws: Raw[] = [];
afterEach(() => {
  for (const r of raws.splice(0)) r.socket.destroy();
});

async function loggedIn(mode: "6.43" | "7.18" = "7.18", faults = {}) {
  const s = await sim({ mode, faults });
  const raw = new Raw(s.port);
  raws.push(raw);
  raw.send("/login", `=name=${ADMIN.name}`, `=password=${ADMIN.password}`, ".tag=login");
  expect(await raw.read(1)).toEqual([["!done", ".tag=login"]]);
  return { s, raw };
}

describe("simulator wire protocol", () => {
  it("echoes .tag on every reply sentence and ends a print with !done", async () => {
    const { s, raw } = await loggedIn();
    s.state.secrets.insert({ name: "a", comment: "x" });
    s.state.secrets.insert({ name: "b", comment: "y" });
    raw.send("/ppp/secret/print", "=.proplist=name", ".tag=7");
    expect(await raw.read(3)).toEqual([
      ["!re", "=name=a", ".tag=7"],
      ["!re", "=name=b", ".tag=7"],
      ["!done", ".tag=7"],
    ]);
  });

  it("answers an empty print with !empty then !done in 7.18 mode, only !done in 6.43 mode", async () => {
    const a = await loggedIn("7.18");
    a.raw.send("/ppp/active/print", ".tag=1");
    expect(await a.raw.read(2)).toEqual([
      ["!empty", ".tag=1"],
      ["!done", ".tag=1"],
    ]);
    const b = await loggedIn("6.43");
    b.raw.send("/ppp/active/print", ".tag=1");
    expect(await b.raw.read(1)).toEqual([["!done", ".tag=1"]]);
  });

  it("evaluates queries, including ?# operations", async () => {
    const { s, raw } = await loggedIn();
    for (const [name, comment] of [
      ["a", "rtrw:1"],
      ["b", "rtrw:2"],
      ["c", "hand"],
    ] as const)
      s.state.secrets.insert({ name, comment });
    raw.send("/ppp/secret/print", "?comment=rtrw:1", "?comment=hand", "?#|", "=.proplist=name", ".tag=q");
    expect(await raw.read(3)).toEqual([
      ["!re", "=name=a", ".tag=q"],
      ["!re", "=name=c", ".tag=q"],
      ["!done", ".tag=q"],
    ]);
    raw.send("/ppp/secret/print", "?name=b", "?#!", "=count-only=", ".tag=n");
    expect(await raw.read(1)).toEqual([["!done", "=ret=2", ".tag=n"]]);
  });

  it("traps like RouterOS: message, category, then !done", async () => {
    const { raw } = await loggedIn();
    raw.send("/ppp/secret/add", "=name=a", "=mtu=1480", ".tag=1");
    expect(await raw.read(2)).toEqual([
      ["!trap", "=message=unknown parameter", ".tag=1"],
      ["!done", ".tag=1"],
    ]);
    raw.send("/ppp/secret/add", "=name=a", ".tag=2");
    raw.send("/ppp/secret/add", "=name=a", ".tag=3");
    expect(await raw.read(3)).toEqual([
      ["!done", "=ret=*1", ".tag=2"],
      ["!trap", "=message=failure: secret with the same name already exists", ".tag=3"],
      ["!done", ".tag=3"],
    ]);
    raw.send("/ppp/secret/set", "=.id=*99", "=disabled=yes", ".tag=4");
    expect(await raw.read(2)).toEqual([
      ["!trap", "=category=0", "=message=no such item", ".tag=4"],
      ["!done", ".tag=4"],
    ]);
    raw.send("/interface/wireless/print", ".tag=5");
    expect(await raw.read(2)).toEqual([
      ["!trap", "=message=no such command", ".tag=5"],
      ["!done", ".tag=5"],
    ]);
  });

  it("cancels a command that has not answered", async () => {
    const { raw } = await loggedIn("7.18", { neverReply: "/ppp/active/print" });
    raw.send("/ppp/active/print", ".tag=slow");
    raw.send("/cancel", "=tag=slow", ".tag=c");
    expect(await raw.read(3)).toEqual([
      ["!trap", "=category=2", "=message=interrupted", ".tag=slow"],
      ["!done", ".tag=slow"],
      ["!done", ".tag=c"],
    ]);
  });

  it("refuses commands before login and ends the session with !fatal on /quit", async () => {
    const s = await sim();
    const raw = new Raw(s.port);
    raws.push(raw);
    raw.send("/system/identity/print", ".tag=1");
    expect(await raw.read(2)).toEqual([
      ["!trap", "=message=not logged in", ".tag=1"],
      ["!done", ".tag=1"],
    ]);
    raw.send("/quit");
    expect(await raw.read(1)).toEqual([["!fatal", "=message=session terminated on request"]]);
    await raw.read(1, 500);
    expect(raw.closed).toBe(true);
  });

  it("answers the pre-6.43 challenge only with the right MD5 response", async () => {
    const s = await sim({ mode: "legacy-challenge" });
    const raw = new Raw(s.port);
    raws.push(raw);
    raw.send("/login", ".tag=1");
    const [challenge] = await raw.read(1);
    expect(challenge?.[0]).toBe("!done");
    const ret = challenge?.find((w) => w.startsWith("=ret="))?.slice(5) ?? "";
    expect(ret).toMatch(/^[0-9a-f]{32}$/);
    raw.send("/login", `=name=${ADMIN.name}`, `=response=00${"0".repeat(32)}`, ".tag=2");
    expect(await raw.read(2)).toEqual([
      ["!trap", "=message=cannot log in", ".tag=2"],
      ["!done", ".tag=2"],
    ]);
  });

  it("sends !fatal and closes on a reserved control byte", async () => {
    const s = await sim();
    const raw = new Raw(s.port);
    raws.push(raw);
    raw.socket.write(Buffer.from([0xf8, 0, 0]));
    expect((await raw.read(1))[0]?.[0]).toBe("!fatal");
  });
});
