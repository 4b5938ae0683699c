import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { listen } from "../listen";
import { renderConsolePage, renderMessagePage } from "./console-page";
import { SessionStore } from "./sessions";
import type { EmulatorState } from "./state";
import { StsError } from "./sts-error";
import { IAM_NS, runIamAction } from "./iam-actions";
import { buildErrorXml, type QueryOutcome } from "./query-xml";
import { assumeRoleWithSaml, getCallerIdentity, newRequestId, STS_NS } from "./sts-actions";

/**
 * A local stand-in for AWS STS, the IAM calls a revocation needs, and the console federation
 * endpoint. Every request is logged, so tests can prove which calls happened (GET /_emulator/requests).
 */

export type RequestLogEntry = {
  time: string;
  action: string;
  outcome: "success" | "error";
  errorCode?: string;
  [key: string]: unknown;
};

export type Emulator = {
  url: string;
  server: Server;
  requests: RequestLogEntry[];
  store: SessionStore;
  close: () => Promise<void>;
};

const CONSOLE_COOKIE = "aws-emulator-console";
const MAX_BODY = 256 * 1024;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new StsError("ValidationError", "Request body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  return req.headers.cookie
    ?.split(/;\s*/)
    .find((c) => c.startsWith(`${name}=`))
    ?.slice(name.length + 1);
}

function send(
  res: ServerResponse,
  status: number,
  body: string,
  type: string,
  headers: Record<string, string | string[]> = {},
): void {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store", ...headers });
  res.end(body);
}

export async function startEmulator({
  state,
  port = 0,
  host = "127.0.0.1",
}: {
  state: EmulatorState;
  port?: number;
  host?: string;
}): Promise<Emulator> {
  const store = new SessionStore();
  const requests: RequestLogEntry[] = [];
  const record = (entry: Omit<RequestLogEntry, "time">) => {
    requests.push({ time: new Date().toISOString(), ...entry } as RequestLogEntry);
    if (requests.length > 10_000) requests.shift();
  };

  // One endpoint serves STS and IAM, told apart as AWS's own endpoints would be by the service in the
  // SigV4 credential scope (`…/us-east-1/iam/aws4_request`); unsigned calls (AssumeRoleWithSAML) are STS.
  async function handleQuery(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const requestId = newRequestId();
    const body = req.method === "POST" ? await readBody(req) : Buffer.alloc(0);
    const params = req.method === "POST" ? new URLSearchParams(body.toString("utf8")) : url.searchParams;
    const action = params.get("Action") ?? "";
    const service = /Credential=[^/]*\/\d{8}\/[^/]*\/([^/]+)\//.exec(req.headers.authorization ?? "")?.[1] ?? "sts";
    const signed = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: req.method === "POST" ? new URLSearchParams() : url.searchParams,
      headers: req.headers,
      body,
    };
    const context = { state, store, requestId };
    try {
      let outcome: QueryOutcome;
      if (service === "iam") outcome = runIamAction(action, params, signed, context);
      else if (action === "AssumeRoleWithSAML") outcome = await assumeRoleWithSaml(params, state, store, requestId);
      else if (action === "GetCallerIdentity") outcome = getCallerIdentity(signed, context);
      else throw new StsError("InvalidAction", `Could not find operation ${action} for version 2011-06-15`);
      record({ service, action, outcome: "success", signed: Boolean(req.headers.authorization), ...outcome.log });
      send(res, 200, outcome.xml, "text/xml", { "x-amzn-requestid": requestId });
    } catch (error) {
      const awsError =
        error instanceof StsError
          ? error
          : new StsError(
              "InternalFailure",
              "The request processing has failed because of an unknown error",
              500,
              "Receiver",
            );
      record({
        service,
        action,
        outcome: "error",
        errorCode: awsError.code,
        signed: Boolean(req.headers.authorization),
        roleArn: params.get("RoleArn") ?? undefined,
      });
      const xml = buildErrorXml(service === "iam" ? IAM_NS : STS_NS, awsError, requestId);
      send(res, awsError.status, xml, "text/xml", { "x-amzn-requestid": requestId });
    }
  }

  function handleFederation(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const action = url.searchParams.get("Action");
    if (action === "getSigninToken") {
      let session;
      try {
        const parsed = JSON.parse(url.searchParams.get("Session") ?? "") as {
          sessionId?: string;
          sessionKey?: string;
          sessionToken?: string;
        };
        const found = store.find(parsed.sessionId ?? "");
        if (
          found &&
          found.secretAccessKey === parsed.sessionKey &&
          found.sessionToken === parsed.sessionToken &&
          found.expiration.getTime() > Date.now()
        )
          session = found;
      } catch {
        // fall through to the 400 below
      }
      const duration = Number(url.searchParams.get("SessionDuration") ?? 43_200);
      if (!session || !Number.isInteger(duration) || duration < 900 || duration > 43_200) {
        record({ action: "getSigninToken", outcome: "error" });
        return send(res, 400, "Bad Request", "text/plain");
      }
      record({ action: "getSigninToken", outcome: "success", accessKeyId: session.accessKeyId });
      return send(
        res,
        200,
        JSON.stringify({
          SigninToken: store.createSigninToken(
            session,
            Math.min(duration, (session.expiration.getTime() - Date.now()) / 1000),
          ),
        }),
        "application/json",
      );
    }
    if (action === "login") {
      const existing = cookie(req, CONSOLE_COOKIE);
      const redeemed = store.redeemSigninToken(url.searchParams.get("SigninToken") ?? "");
      if (!redeemed) {
        record({ action: "login", outcome: "error", errorCode: "InvalidSigninToken" });
        return send(
          res,
          400,
          renderMessagePage(
            "Amazon Web Services Sign-In",
            "Your request included an invalid or expired sign-in token.",
          ),
          "text/html",
        );
      }
      const current = existing ? store.consoleSessions.get(existing) : undefined;
      if (
        current &&
        current.expires > Date.now() &&
        current.session.assumedRoleArn !== redeemed.session.assumedRoleArn
      ) {
        record({ action: "login", outcome: "error", errorCode: "MustLogOutFirst" });
        return send(
          res,
          400,
          renderMessagePage(
            "Amazon Web Services Sign-In",
            "You must first log out before logging into a different AWS account.",
          ),
          "text/html",
        );
      }
      const id = store.openConsole(
        redeemed.session,
        url.searchParams.get("Destination") ?? "",
        redeemed.consoleExpires,
      );
      record({
        action: "login",
        outcome: "success",
        accessKeyId: redeemed.session.accessKeyId,
        issuer: url.searchParams.get("Issuer"),
      });
      res.writeHead(302, {
        location: "/console",
        "set-cookie": `${CONSOLE_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax`,
        "cache-control": "no-store",
      });
      return void res.end();
    }
    send(res, 400, "Bad Request", "text/plain");
  }

  function handleLogout(res: ServerResponse, url: URL, origin: string): void {
    const redirect = url.searchParams.get("redirect_uri");
    record({ action: "logout", outcome: "success" });
    const clear = `${CONSOLE_COOKIE}=; Path=/; HttpOnly; Max-Age=0`;
    // Like AWS, only redirect back to the sign-in service itself.
    if (redirect && new URL(redirect, origin).origin === origin) {
      res.writeHead(302, { location: redirect, "set-cookie": clear, "cache-control": "no-store" });
      return void res.end();
    }
    send(res, 200, renderMessagePage("Signed out", "You have been signed out of the AWS console."), "text/html", {
      "set-cookie": clear,
    });
  }

  const server = createServer((req, res) => {
    const origin = `http://${req.headers.host ?? "127.0.0.1"}`;
    const url = new URL(req.url ?? "/", origin);
    const run = async () => {
      if (url.pathname === "/federation") return handleFederation(req, res, url);
      if (url.pathname === "/oauth" && url.searchParams.get("Action") === "logout")
        return handleLogout(res, url, origin);
      if (url.pathname === "/console")
        return send(
          res,
          200,
          renderConsolePage(store.consoleSessions.get(cookie(req, CONSOLE_COOKIE) ?? "")),
          "text/html",
        );
      if (url.pathname === "/_emulator/requests") {
        if (req.method === "DELETE") requests.length = 0;
        return send(res, 200, JSON.stringify(requests), "application/json");
      }
      if (url.pathname === "/_emulator/health")
        return send(res, 200, JSON.stringify({ status: "ok" }), "application/json");
      if (url.pathname === "/" || url.pathname === "/sts") return handleQuery(req, res, url);
      send(res, 404, "Not Found", "text/plain");
    };
    run().catch((error: unknown) => send(res, 500, `emulator error: ${(error as Error).message}`, "text/plain"));
  });
  return { ...(await listen(server, port, host)), requests, store };
}
