/**
 * Runs the simulator on its own: `node connector/sim/run.ts --port 18728 --mode 7.18 --user admin:secret
 *`. Prints one JSON line with the port when listening; stops on SIGINT/SIGTERM.
 */
import { parseArgs } from "node:util";
import { startRouterOsSim } from "./server.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    host: { type: "string", default: "127.0.0.1" },
    mode: { type: "string", default: "7.18" },
    user: { type: "string", multiple: true, default: ["admin:admin"] },
  },
});
const mode = values.mode;
if (mode !== "6.43" && mode !== "7.18" && mode !== "legacy-challenge") {
  console.error(`--mode must be 6.43, 7.18 or legacy-challenge, not ${mode}`);
  process.exit(2);
}
const users = values.user.map((u) => {
  const i = u.indexOf(":");
  return i === -1 ? { name: u, password: "" } : { name: u.slice(0, i), password: u.slice(i + 1) };
});
const sim = await startRouterOsSim({ port: Number(values.port), host: values.host, mode, users });
console.log(JSON.stringify({ listening: true, host: sim.host, port: sim.port, mode }));
const stop = () => void sim.close().then(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
