#!/usr/bin/env node
// Installed from npm: the bundled build in dist/ (made by `npm pack`). In the repository, where dist/
// does not exist, the TypeScript sources, which Node >= 22.18 runs directly by stripping their types.
import { existsSync } from "node:fs";

const built = new URL("../dist/rtrwnet-connector.js", import.meta.url);
await import(existsSync(built) ? built.href : "../src/main.ts");
