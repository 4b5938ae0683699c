import { describe, expect, it } from "vitest";
import { explainNativeModuleError } from "@/lib/runtime/explain-native-module-error";

// What Node.js throws when better-sqlite3 was built by another release (Node.js 20 loading a build for 24).
function dlopenError(message: string, code = "ERR_DLOPEN_FAILED"): Error {
  return Object.assign(new Error(message), { code });
}
const abiMismatch = dlopenError(
  "The module '/srv/airlock/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\n" +
    "was compiled against a different Node.js version using\nNODE_MODULE_VERSION 137. This version of Node.js requires\n" +
    "NODE_MODULE_VERSION 115. Please try re-compiling or re-installing\nthe module (for instance, using `npm rebuild` or `npm install`).",
);

describe("explainNativeModuleError", () => {
  it("names the module, both versions and the command to run, in one line", () => {
    expect(explainNativeModuleError(abiMismatch, "v20.20.2")).toBe(
      "better-sqlite3 was compiled for another Node.js (module version 137; Node.js v20.20.2 needs 115): " +
        "run `npm rebuild better-sqlite3` with this Node.js, then start again.",
    );
  });

  it("leaves other errors alone", () => {
    expect(explainNativeModuleError(new Error("SQLITE_CANTOPEN"), "v24.0.0")).toBeUndefined();
    expect(
      explainNativeModuleError(dlopenError("libfoo.so: cannot open shared object file"), "v24.0.0"),
    ).toBeUndefined();
    expect(explainNativeModuleError(dlopenError(abiMismatch.message, "MODULE_NOT_FOUND"), "v24.0.0")).toBeUndefined();
    expect(explainNativeModuleError("ERR_DLOPEN_FAILED", "v24.0.0")).toBeUndefined();
  });
});
