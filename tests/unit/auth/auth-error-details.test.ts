import { describe, expect, it } from "vitest";
import { describeAuthError } from "@/lib/auth/auth-error-details";

/** next-auth's OAuthCallbackError: the cause's message and code, its class only in the stack. */
function wrapped(cause: Error & { code?: string }) {
  const error = Object.assign(new Error(cause.message), { name: "OAuthCallbackError", code: cause.code });
  error.stack = cause.stack;
  return error;
}

class RPError extends Error {
  override name = "RPError";
}

describe("describeAuthError", () => {
  it("reads the cause of an OAUTH_CALLBACK_ERROR ({ error, providerId }), not [object Object]", () => {
    const cause = new RPError("state mismatch, expected abc, got: forged-state");
    expect(describeAuthError({ error: wrapped(cause), providerId: "oidc" })).toEqual({
      name: "OAuthCallbackError",
      message: "state mismatch, expected abc, got: forged-state",
      causeName: "RPError",
    });
  });

  it("keeps an Airlock refusal's code", () => {
    const cause = Object.assign(new Error("about another subject"), { code: "oidc_userinfo_sub_mismatch" });
    expect(describeAuthError({ error: wrapped(cause) })).toMatchObject({ causeCode: "oidc_userinfo_sub_mismatch" });
  });

  it("reports the OP's error and error_description from the callback (OAUTH_CALLBACK_HANDLER_ERROR)", () => {
    const details = describeAuthError({
      error: new Error("access_denied"),
      error_description: "The user is not assigned to this application",
      providerId: "oidc",
    });
    expect(details).toEqual({
      name: "Error",
      message: "access_denied",
      errorDescription: "The user is not assigned to this application",
    });
  });

  it("reads an OPError's own fields, and a bare error or value", () => {
    const opError = Object.assign(new Error("invalid_grant (grant request is invalid)"), {
      name: "OPError",
      error: "invalid_grant",
      error_description: "grant request is invalid",
    });
    expect(describeAuthError(opError)).toMatchObject({
      error: "invalid_grant",
      errorDescription: "grant request is invalid",
    });
    expect(describeAuthError("plain")).toEqual({ message: "plain" });
    expect(describeAuthError(undefined)).toEqual({ message: "undefined" });
  });

  it("never carries a field it was not asked for (a JWT kept on the error)", () => {
    const error = Object.assign(new RPError("unexpected JWT alg received"), { jwt: "eyJhbGciOi.secret.sig" });
    expect(JSON.stringify(describeAuthError(error))).not.toContain("eyJ");
  });
});
