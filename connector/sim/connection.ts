import { createHash, randomBytes } from "node:crypto";
import type { Socket } from "node:net";
import { encodeSentences, SentenceDecoder, WireProtocolError, wordsToStrings } from "../src/routeros/wire.ts";
import { execute, parseCommand, type Reply, type SimMode, trap } from "./commands.ts";
import type { SimFaults, SimUser } from "./server.ts";
import type { SimState } from "./state.ts";

/** What every connection of one simulator shares. */
export interface SimContext {
  mode: SimMode;
  users: SimUser[];
  faults: SimFaults;
  state: SimState;
  commands: string[][];
}

interface Pending {
  cancel(): void;
}

/** One API connection: framing, login and tags; the commands themselves run in `execute`. */
export class SimConnection {
  readonly #sim: SimContext;
  readonly #socket: Socket;
  readonly #decoder = new SentenceDecoder();
  readonly #pending = new Map<string, Pending>();
  #loggedIn = false;
  #challenge: Buffer | undefined;
  #writeChain: Promise<void> = Promise.resolve();

  constructor(sim: SimContext, socket: Socket) {
    this.#sim = sim;
    this.#socket = socket;
    socket.on("data", (chunk) => this.#onData(chunk));
    socket.on("error", () => {});
    socket.on("close", () => {
      for (const p of this.#pending.values()) p.cancel();
      this.#pending.clear();
    });
  }

  destroy(): void {
    this.#socket.destroy();
  }

  #onData(chunk: Buffer): void {
    let sentences: string[][];
    try {
      sentences = this.#decoder.push(chunk).map((s) => wordsToStrings(s.words));
    } catch (e) {
      if (!(e instanceof WireProtocolError)) throw e;
      this.#send(undefined, [["!fatal", `=message=${e.message}`]]);
      this.#socket.end();
      return;
    }
    for (const words of sentences) {
      if (this.#socket.destroyed) return;
      this.#onSentence(words);
    }
  }

  #onSentence(all: string[]): void {
    const tagWord = all.find((w) => w.startsWith(".tag="));
    const tag = tagWord?.slice(5);
    const words = all.filter((w) => w !== tagWord);
    const cmd = parseCommand(words);
    const faults = this.#sim.faults;
    if (cmd.command === "/login") {
      this.#send(tag, this.#login(cmd.attrs));
      return;
    }
    if (cmd.command === "/quit") {
      this.#send(tag, [["!fatal", "=message=session terminated on request"]]);
      this.#socket.end();
      return;
    }
    if (!this.#loggedIn) {
      this.#send(tag, trap("not logged in"));
      return;
    }
    if (cmd.command === "/cancel") {
      this.#send(tag, this.#cancel(cmd.attrs.get("tag")));
      return;
    }
    this.#sim.commands.push(words);
    if (matches(faults.dropOnCommand, cmd.command)) {
      this.#socket.destroy();
      return;
    }
    if (matches(faults.neverReply, cmd.command)) {
      this.#hold(tag, () => {});
      return;
    }
    const reply = execute(this.#sim.state, this.#sim.mode, cmd);
    if (matches(faults.dropAfterExecute, cmd.command)) {
      this.#socket.destroy();
      return;
    }
    const delay = faults.delayMs ?? 0;
    if (delay <= 0) {
      this.#send(tag, reply);
      return;
    }
    const timer = setTimeout(() => {
      if (tag !== undefined) this.#pending.delete(tag);
      this.#send(tag, reply);
    }, delay);
    this.#hold(tag, () => clearTimeout(timer));
  }

  /** A tagged command still running (delayed or never answered): `/cancel` may interrupt it. */
  #hold(tag: string | undefined, cancel: () => void): void {
    if (tag !== undefined) this.#pending.set(tag, { cancel });
  }

  #cancel(target: string | undefined): Reply {
    const tags = target === undefined ? [...this.#pending.keys()] : [target];
    if (target !== undefined && !this.#pending.has(target)) return trap("no such command or directory", 0);
    for (const t of tags) {
      this.#pending.get(t)?.cancel();
      this.#pending.delete(t);
      this.#send(t, [["!trap", "=category=2", "=message=interrupted"], ["!done"]]);
    }
    return [["!done"]];
  }

  #login(attrs: Map<string, string>): Reply {
    const sim = this.#sim;
    const name = attrs.get("name");
    const user = sim.users.find((u) => u.name === name);
    if (sim.mode === "legacy-challenge") {
      const response = attrs.get("response");
      // Before 6.43, /login only ever answers with a challenge; `=response=` proves the password.
      if (response === undefined || !this.#challenge) {
        this.#challenge = randomBytes(16);
        return [["!done", `=ret=${this.#challenge.toString("hex")}`]];
      }
      const ok =
        !sim.faults.refuseLogin &&
        user !== undefined &&
        response ===
          `00${md5(Buffer.concat([Buffer.from([0]), Buffer.from(user.password, "latin1"), this.#challenge]))}`;
      this.#challenge = undefined;
      if (!ok) return trap("cannot log in");
      this.#loggedIn = true;
      return [["!done"]];
    }
    if (sim.faults.refuseLogin || !user || attrs.get("password") !== user.password) {
      return trap("invalid user name or password (6)");
    }
    this.#loggedIn = true;
    return [["!done"]];
  }

  /** Every sentence of a reply carries the command's `.tag`; the whole reply goes out in one write. */
  #send(tag: string | undefined, reply: Reply): void {
    if (this.#socket.destroyed) return;
    const bytes = encodeSentences(reply.map((s) => (tag === undefined ? s : [...s, `.tag=${tag}`])));
    const piece = this.#sim.faults.fragmentBytes ?? 0;
    if (piece <= 0) {
      this.#socket.write(bytes);
      return;
    }
    this.#writeChain = this.#writeChain.then(async () => {
      for (let i = 0; i < bytes.length && !this.#socket.destroyed; i += piece) {
        this.#socket.write(bytes.subarray(i, i + piece));
        await new Promise((r) => setImmediate(r));
      }
    });
  }
}

function matches(m: true | string | undefined, command: string): boolean {
  return m === true || (typeof m === "string" && m === command);
}

function md5(b: Buffer): string {
  return createHash("md5").update(b).digest("hex");
}
