/**
 * Structured logs: one JSON object per line on stdout (stderr for errors). Fields whose names
 * suggest a secret are replaced, so a careless call cannot put a credential in the log.
 */

type Level = "debug" | "info" | "warn" | "error";
type Fields = Record<string, unknown>;

const levels: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const secretField =
  /secret|password|passwd|token|session_?token|signature|private|assertion|samlresponse|cookie|authorization|credential|signin_?url|login_?url/i;

function threshold(): number {
  const configured = process.env.AIRLOCK_LOG_LEVEL as Level | undefined;
  return levels[configured ?? "info"] ?? levels.info;
}

/** Replaces secret-looking fields and turns errors into plain objects. Exported for tests. */
export function redactFields(fields: Fields, depth = 0): Fields {
  const out: Fields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (secretField.test(key)) out[key] = "[redacted]";
    else if (value instanceof Error) out[key] = { name: value.name, message: value.message };
    else if (value && typeof value === "object" && !Array.isArray(value) && depth < 3)
      out[key] = redactFields(value as Fields, depth + 1);
    else out[key] = value;
  }
  return out;
}

function write(level: Level, event: string, fields: Fields = {}): void {
  if (levels[level] < threshold()) return;
  const line = JSON.stringify({
    time: new Date().toISOString(),
    level,
    event,
    ...redactFields(fields),
  });
  if (level === "error" || level === "warn") process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

export const log = {
  debug: (event: string, fields?: Fields) => write("debug", event, fields),
  info: (event: string, fields?: Fields) => write("info", event, fields),
  warn: (event: string, fields?: Fields) => write("warn", event, fields),
  error: (event: string, fields?: Fields) => write("error", event, fields),
};
