#!/usr/bin/env node
// The connector is TypeScript run directly: Node >= 22.18 strips erasable types natively.
await import("../src/main.ts");
