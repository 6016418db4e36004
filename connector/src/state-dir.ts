import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { type Config, ConfigSchema, IdSchema } from "../../src/protocol/index.ts";

/**
 * The connector's state directory (mode 700). Everything secret in it is written with mode 600:
 * `credentials.json` (the long-lived connector secret) and `routers.json` (the last router list from
 * the cloud, with API passwords, kept so polling and buffering go on after a restart while the cloud
 * is unreachable). Also `results.jsonl` (remembered command results) and `buffer/` (samples).
 */
export const CredentialsSchema = z.object({ connectorId: IdSchema, secret: z.string().min(16) });
export type Credentials = z.infer<typeof CredentialsSchema>;

/** Writes through a temporary file and a rename, so a crash never leaves half a file. */
export async function writeFileAtomic(path: string, data: string, mode = 0o600): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, data, { mode });
  // `mode` only applies when the file is created; an old temp file keeps its mode otherwise.
  await chmod(tmp, mode);
  await rename(tmp, path);
}

async function readJson<T>(path: string, schema: z.ZodType<T>): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export class StateDir {
  readonly dir: string;

  private constructor(dir: string) {
    this.dir = dir;
  }

  static async open(dir: string): Promise<StateDir> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await chmod(dir, 0o700);
    // Files restored from a backup or copied by hand may have looser modes; secrets stay 600.
    for (const file of ["credentials.json", "routers.json"]) {
      await chmod(join(dir, file), 0o600).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== "ENOENT") throw e;
      });
    }
    return new StateDir(dir);
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  readCredentials(): Promise<Credentials | undefined> {
    return readJson(this.path("credentials.json"), CredentialsSchema);
  }

  writeCredentials(c: Credentials): Promise<void> {
    return writeFileAtomic(this.path("credentials.json"), `${JSON.stringify(c)}\n`);
  }

  readRouterConfig(): Promise<Config | undefined> {
    return readJson(this.path("routers.json"), ConfigSchema);
  }

  writeRouterConfig(c: Config): Promise<void> {
    return writeFileAtomic(this.path("routers.json"), `${JSON.stringify(c)}\n`);
  }
}
