import { describe, expect, it } from "vitest";
import { prefersHtml } from "../../src/routes/invoices/negotiate";

describe("prefersHtml (invoice content negotiation)", () => {
  it.each([
    ["text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", true],
    ["text/html", true],
    ["text/*", true],
    ["application/json;q=0.5, text/html", true],
    [undefined, false],
    ["", false],
    ["*/*", false],
    ["application/json", false],
    ["text/html;q=0.5, application/json", false],
    ["text/html;q=0, */*", false],
    ["text/html, application/json", false],
  ])("%s → %s", (accept, html) => {
    expect(prefersHtml(accept)).toBe(html);
  });
});
