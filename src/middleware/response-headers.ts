import type { Context } from "hono";

/**
 * Edits the headers of the response a middleware gets back from `next()`. A response passed through
 * from `fetch` has immutable headers: it is copied first. A WebSocket upgrade (101) is left alone.
 */
export function editResponseHeaders(c: Context, edit: (headers: Headers) => void): void {
  try {
    edit(c.res.headers);
  } catch (err) {
    if (!(err instanceof TypeError) || c.res.status === 101) return;
    c.res = new Response(c.res.body, c.res);
    edit(c.res.headers);
  }
}
