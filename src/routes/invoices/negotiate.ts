/**
 * Whether an `Accept` header prefers `text/html` over `application/json` (RFC 9110 §12.5.1): each
 * type gets the q of the most specific range that matches it (`text/html` > `text/*` > `*\/*`); HTML
 * wins only with a strictly higher q. So a browser (`text/html,…,*\/*;q=0.8`) gets the printable
 * page, while `*\/*`, no header, or an explicit JSON request get JSON — the API's default.
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const ranges = accept.split(",").map(parseRange);
  return quality(ranges, "text", "html") > quality(ranges, "application", "json");
}

interface Range {
  type: string;
  subtype: string;
  q: number;
}

function parseRange(part: string): Range {
  const [mediaRange = "", ...params] = part.split(";").map((s) => s.trim().toLowerCase());
  const [type = "", subtype = ""] = mediaRange.split("/");
  let q = 1;
  for (const p of params) {
    const [k, v] = p.split("=").map((s) => s.trim());
    if (k === "q" && v !== undefined) {
      const n = Number(v);
      q = Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0;
    }
  }
  return { type, subtype, q };
}

function quality(ranges: Range[], type: string, subtype: string): number {
  let best = -1;
  let q = 0;
  for (const r of ranges) {
    const specificity =
      r.type === type && r.subtype === subtype ? 2 : r.type === type && r.subtype === "*" ? 1 : r.type === "*" ? 0 : -1;
    if (specificity > best) {
      best = specificity;
      q = r.q;
    }
  }
  return best < 0 ? 0 : q;
}
