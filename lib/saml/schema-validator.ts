import * as xmllint from "@authenio/samlify-node-xmllint";

/**
 * samlify's schema validator (SAML 2.0 XSDs, run by node-xmllint), made safe to run in a server.
 *
 * node-xmllint is an Emscripten build that starts a new runtime for every document, and each run
 * leaves behind, on the whole process: an `uncaughtException` listener, a `drain` listener on
 * stdout that calls `process.exit()` (so the first time the log pipe backs up after a SAML
 * sign-in, the server exits), and a reference from those to its 16 MiB heap (about 1.3 MB of
 * memory kept per sign-in); it also prints a blank line to stdout. The run is synchronous, so the
 * listeners it adds are removed before any event can reach them, and its stdout line is dropped.
 */
export function validate(xml: string): Promise<unknown> {
  const uncaught = process.listeners("uncaughtException");
  const drains = process.stdout.listeners("drain");
  const log = console.log;
  console.log = () => {};
  try {
    return xmllint.validate(xml); // runs xmllint synchronously, in the promise's executor
  } finally {
    console.log = log;
    for (const listener of process.listeners("uncaughtException"))
      if (!uncaught.includes(listener)) process.removeListener("uncaughtException", listener);
    for (const listener of process.stdout.listeners("drain") as ((...args: unknown[]) => void)[])
      if (!drains.includes(listener)) process.stdout.removeListener("drain", listener);
  }
}
