import { describe, expect, it } from "vitest";
import { evaluatePoll, type PollFacts } from "@/lib/device/polling";

const now = new Date("2026-01-01T12:00:00Z");
const ago = (s: number) => new Date(now.getTime() - s * 1000);
const base: PollFacts = { status: "pending", expiresAt: ago(-300), interval: 5, lastPolledAt: null };

describe("token endpoint rules (RFC 8628 §3.5)", () => {
  it.each<[string, Partial<PollFacts>, ReturnType<typeof evaluatePoll>]>([
    ["first poll, pending", {}, { kind: "error", error: "authorization_pending" }],
    ["polled after the interval", { lastPolledAt: ago(5) }, { kind: "error", error: "authorization_pending" }],
    ["a little early (network jitter)", { lastPolledAt: ago(4.2) }, { kind: "error", error: "authorization_pending" }],
    ["polled too soon: +5 s", { lastPolledAt: ago(2) }, { kind: "slow_down", interval: 10 }],
    ["too soon after a slow_down", { lastPolledAt: ago(6), interval: 10 }, { kind: "slow_down", interval: 15 }],
    ["the interval stops growing at 60 s", { lastPolledAt: ago(1), interval: 60 }, { kind: "slow_down", interval: 60 }],
    ["approved", { status: "approved", lastPolledAt: ago(5) }, { kind: "redeem" }],
    ["approved but polled too soon", { status: "approved", lastPolledAt: ago(1) }, { kind: "slow_down", interval: 10 }],
    ["denied", { status: "denied" }, { kind: "error", error: "access_denied" }],
    ["expired while pending", { expiresAt: now }, { kind: "error", error: "expired_token" }],
    ["expired after approval", { status: "approved", expiresAt: ago(1) }, { kind: "error", error: "expired_token" }],
    ["redeemed: unknown from then on", { status: "redeemed" }, { kind: "error", error: "invalid_grant" }],
    ["redeemed and expired", { status: "redeemed", expiresAt: ago(1) }, { kind: "error", error: "invalid_grant" }],
  ])("%s", (_name, facts, expected) => {
    expect(evaluatePoll({ ...base, ...facts }, now)).toEqual(expected);
  });
});
