import { describe, expect, it } from "vitest";
import { buildSecurityHeaders } from "@/lib/security-headers";

describe("buildSecurityHeaders", () => {
  it("sends a nonce-based CSP without unsafe-eval in production, and no HSTS over http", () => {
    const headers = buildSecurityHeaders({ nonce: "abc", isHttps: false, isDevelopment: false });
    const csp = headers["Content-Security-Policy"];
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(headers["Referrer-Policy"]).toBe("no-referrer");
    expect(headers["X-Frame-Options"]).toBe("DENY");
    expect(headers["Strict-Transport-Security"]).toBeUndefined();
  });

  it("adds HSTS over https and allows eval only for the development server", () => {
    expect(
      buildSecurityHeaders({ nonce: "n", isHttps: true, isDevelopment: false })["Strict-Transport-Security"],
    ).toMatch(/^max-age=\d+/);
    expect(
      buildSecurityHeaders({ nonce: "n", isHttps: false, isDevelopment: true })["Content-Security-Policy"],
    ).toContain("'unsafe-eval'");
  });
});
