import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * An HTTP hop between Airlock and the AWS emulator's STS endpoint that runs a test's step when a
 * call arrives and before it is passed on: the moment after Airlock recorded its audit attempt
 * and before STS answers (to stop the database there, or to look at what is recorded). Counts
 * the calls that reached it. Loopback only.
 */
export type StsHook = {
  url: string;
  /** AssumeRoleWithSAML calls received (passed on or not). */
  calls: () => number;
  /** Runs `step` on the next call only, before passing it on. */
  beforeNextCall: (step: () => void | Promise<void>) => void;
  close: () => Promise<void>;
};

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startStsHook(targetUrl: string): Promise<StsHook> {
  let calls = 0;
  let pending: (() => void | Promise<void>) | undefined;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      if (new URLSearchParams(body.toString("utf8")).get("Action") === "AssumeRoleWithSAML") calls += 1;
      const step = pending;
      pending = undefined;
      await step?.();
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(
          (e): e is [string, string] => typeof e[1] === "string" && !["host", "content-length"].includes(e[0]),
        ),
      );
      const answer = await fetch(new URL(req.url ?? "/", targetUrl), {
        method: req.method,
        headers,
        body: req.method === "POST" ? new Uint8Array(body) : undefined,
      });
      res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "text/xml" });
      res.end(Buffer.from(await answer.arrayBuffer()));
    })().catch((error: unknown) => {
      res.writeHead(502, { "content-type": "text/plain" });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls: () => calls,
    beforeNextCall: (step) => {
      pending = step;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
