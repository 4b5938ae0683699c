import { describe, expect, it } from "vitest";
import { buildOutagePage } from "@/lib/http/outage-page";

describe("buildOutagePage", () => {
  it("answers 503 with Retry-After and the explanation in the HTML, with no script to run", async () => {
    const response = buildOutagePage({ headers: { "Content-Security-Policy": "default-src 'self'" } });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("30");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-security-policy")).toBe("default-src 'self'");
    const html = await response.text();
    expect(html).toContain("<h1>Airlock cannot reach its database right now</h1>");
    expect(html).toContain("tell your Airlock administrators");
    expect(html).toMatch(/<meta http-equiv="refresh" content="\d+">/);
    expect(html).not.toContain("<script");
  });
});
