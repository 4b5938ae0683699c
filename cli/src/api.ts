import { CliError, toCliError, type ApiErrorBody } from "./errors";
import { buildUserAgent } from "./version";

/** The one way the CLI talks to Airlock: HTTPS, JSON, the bearer token, errors as CliErrors. */

export type Fetch = typeof fetch;

export type ApiContext = { url: string; token?: string; fetch?: Fetch };

export type ApiRequest = {
  method?: "GET" | "POST";
  path: string;
  json?: unknown;
  form?: Record<string, string>;
  timeoutMs?: number;
};

export type ApiAnswer = { status: number; body: unknown; headers: Headers };

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if ((error as Error).name === "TimeoutError") return "no answer in time";
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

/** Sends one request. Network failures become `unreachable`; HTTP errors are returned as they are. */
export async function sendRaw(context: ApiContext, request: ApiRequest): Promise<ApiAnswer> {
  const headers: Record<string, string> = { accept: "application/json", "user-agent": buildUserAgent() };
  if (context.token) headers.authorization = `Bearer ${context.token}`;
  let body: string | undefined;
  if (request.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(request.json);
  } else if (request.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(request.form).toString();
  }
  let response: Response;
  try {
    response = await (context.fetch ?? fetch)(`${context.url}${request.path}`, {
      method: request.method ?? "GET",
      headers,
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(request.timeoutMs ?? 30_000),
    });
  } catch (error) {
    throw new CliError(
      "unreachable",
      `Cannot reach Airlock at ${context.url} (${describeNetworkError(error)}). Check the URL and your network, then try again.`,
    );
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

/** The `error` object of an Airlock error body, if it has one. */
export function readApiError(body: unknown): ApiErrorBody | undefined {
  const error = (body as { error?: unknown } | undefined)?.error;
  return error && typeof error === "object" ? (error as ApiErrorBody) : undefined;
}

/** Sends a request and returns the JSON body of a 2xx answer, or throws the matching CliError. */
export async function callApi<T>(context: ApiContext, request: ApiRequest): Promise<T> {
  const answer = await sendRaw(context, request);
  if (answer.status >= 200 && answer.status < 300) return answer.body as T;
  if (answer.status >= 300 && answer.status < 400)
    throw new CliError(
      "unreachable",
      `${context.url} redirected instead of answering: is it Airlock's URL? Check AIRLOCK_URL or \`airlock login --url\`.`,
    );
  if (answer.body === undefined && answer.status >= 500)
    throw new CliError(
      "unreachable",
      `Airlock at ${context.url} answered HTTP ${answer.status}. Try again in a minute.`,
    );
  throw toCliError(answer.status, readApiError(answer.body), context);
}
