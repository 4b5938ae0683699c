import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { validate } from "@/lib/saml/schema-validator";

const response = (
  status = '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>',
) =>
  `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r" Version="2.0" IssueInstant="2026-11-26T12:00:00Z">${status}</samlp:Response>`;

/** Runs the child with a slow reader on its stdout; resolves with what it wrote to stderr. */
function runChild(validator: "airlock" | "raw"): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.resolve("tests/support/schema-validation-child.ts")],
      { env: { ...process.env, VALIDATOR: validator }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.stdout.pause(); // the log pipe backs up...
    setTimeout(() => child.stdout.resume(), 500); // ...and drains half a second later
    child.on("error", reject);
    child.on("exit", () => resolve(stderr));
  });
}

describe("SAML schema validation", () => {
  it("accepts a schema-valid response and refuses an invalid one", async () => {
    await expect(validate(response())).resolves.toBeTruthy();
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    await expect(validate(response(""))).rejects.toBe("ERR_EXCEPTION_VALIDATE_XML");
    quiet.mockRestore();
  });

  it("leaves no listener behind on the process or on stdout, and restores console.log", async () => {
    const log = console.log;
    const before = [process.listenerCount("uncaughtException"), process.stdout.listenerCount("drain")];
    for (let i = 0; i < 3; i += 1) await validate(response());
    expect([process.listenerCount("uncaughtException"), process.stdout.listenerCount("drain")]).toEqual(before);
    expect(console.log).toBe(log);
  });

  it("keeps the server running when its log pipe drains after a SAML sign-in (node-xmllint alone exits)", async () => {
    const [airlock, raw] = await Promise.all([runChild("airlock"), runChild("raw")]);
    expect(airlock).toContain("still running");
    expect(raw).not.toContain("still running");
  }, 30_000);
});
