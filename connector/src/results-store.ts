import { appendFile, readFile } from "node:fs/promises";
import { z } from "zod";
import { type Result, ResultSchema } from "../../src/protocol/index.ts";
import { writeFileAtomic } from "./state-dir.ts";

const LineSchema = z.tuple([z.string(), ResultSchema]);

/**
 * The first result of each recent command, by command id, kept on disk so that a command the cloud
 * sends again (its result was lost, or the connector restarted mid-command) is answered from here
 * instead of being run twice. Bounded: the oldest entries go first. The gateway resends only
 * commands it has no result for, so a few thousand entries cover any outage.
 *
 * The file is an append-only journal (one `[id, result]` JSON line per command), compacted when it
 * holds twice the bound: a burst of provisioning writes a line per command, not the whole map (the
 * connector may run on a Raspberry Pi's SD card). A torn last line after a crash is skipped.
 */
export class ResultStore {
  readonly #file: string;
  readonly #max: number;
  readonly #entries: Map<string, Result>;
  #lines: number;
  #writing: Promise<void> = Promise.resolve();

  private constructor(file: string, max: number, entries: Map<string, Result>, lines: number) {
    this.#file = file;
    this.#max = max;
    this.#entries = entries;
    this.#lines = lines;
  }

  static async open(file: string, max = 2_000): Promise<ResultStore> {
    const entries = new Map<string, Result>();
    let lines = 0;
    let text = "";
    try {
      text = await readFile(file, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
    for (const line of text.split("\n")) {
      if (line === "") continue;
      lines++;
      try {
        const parsed = LineSchema.safeParse(JSON.parse(line));
        if (!parsed.success) continue;
        entries.delete(parsed.data[0]);
        entries.set(parsed.data[0], parsed.data[1]);
      } catch {
        // A line cut short by a crash.
      }
    }
    const store = new ResultStore(file, max, entries, lines);
    store.#trim();
    // A torn last line would swallow the next append: rewrite the file clean first.
    if (lines > 2 * max || (text !== "" && !text.endsWith("\n"))) await store.#compact();
    return store;
  }

  get(commandId: string): Result | undefined {
    return this.#entries.get(commandId);
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Remembers a result; resolves once it is on disk. */
  remember(commandId: string, result: Result): Promise<void> {
    this.#entries.delete(commandId);
    this.#entries.set(commandId, result);
    this.#trim();
    const line = `${JSON.stringify([commandId, result])}\n`;
    this.#writing = this.#writing.then(async () => {
      await appendFile(this.#file, line, { mode: 0o600 });
      if (++this.#lines > 2 * this.#max) await this.#compact();
    });
    return this.#writing;
  }

  #trim(): void {
    for (const key of this.#entries.keys()) {
      if (this.#entries.size <= this.#max) break;
      this.#entries.delete(key);
    }
  }

  async #compact(): Promise<void> {
    const text = [...this.#entries].map((e) => `${JSON.stringify(e)}\n`).join("");
    await writeFileAtomic(this.#file, text);
    this.#lines = this.#entries.size;
  }
}
