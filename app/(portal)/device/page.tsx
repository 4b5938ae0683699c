import type { Metadata } from "next";
import { headers } from "next/headers";
import { DeviceConfirmation } from "@/components/portal/device-confirmation";
import { DeviceCodeForm, DeviceResultView, isDeviceResult, type DeviceResult } from "@/components/portal/device-result";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { lookUpUserCode, type DeviceLookup } from "@/lib/device/decide-authorization";
import { describeApprovalGrant } from "@/lib/device/describe-approval";
import { isAppError } from "@/lib/errors";
import { getClientInfo } from "@/lib/http/client-info";
import { approveDeviceAction, denyDeviceAction } from "./actions";

export const metadata: Metadata = { title: "Sign in a terminal" };

type Params = { user_code?: string | string[]; result?: string | string[] };

const resultOf = (state: Exclude<DeviceLookup["state"], "pending">): DeviceResult =>
  state === "unknown" || state === "expired" ? state : "gone";

// /device?user_code=: a person confirms (or denies) a terminal's sign-in; never approves on a GET
export default async function DevicePage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const userCode = typeof params.user_code === "string" ? params.user_code.slice(0, 64) : undefined;
  const user = await requireUser(userCode ? `/device?user_code=${encodeURIComponent(userCode)}` : "/device");
  const now = new Date();
  let lookup: DeviceLookup | undefined;
  let result: DeviceResult | undefined = isDeviceResult(params.result) ? params.result : undefined;
  if (!result && userCode) {
    try {
      const client = getClientInfo(await headers());
      lookup = await lookUpUserCode({ db: getDb(), user, input: userCode, clientIp: client.ip, now });
    } catch (error) {
      if (!isAppError(error) || error.code !== "rate_limited") throw error;
      result = "rate_limited";
    }
    if (lookup && lookup.state !== "pending") result = resultOf(lookup.state);
  }
  const pending = lookup?.state === "pending" ? lookup.device : undefined;
  return (
    <main className="mx-auto max-w-2xl px-4 py-10">
      <h1 className="text-2xl font-semibold">Sign in a terminal</h1>
      <p className="mt-2 text-slate-700">
        Your terminal (<code>airlock login</code>) shows a code. Enter it here to let that terminal use Airlock as you.
      </p>
      {result && <DeviceResultView result={result} />}
      {pending && (
        <DeviceConfirmation
          device={pending}
          person={{ name: user.name ?? user.email, email: user.email }}
          grant={await describeApprovalGrant({ db: getDb(), user, now })}
          now={now}
          approve={approveDeviceAction}
          deny={denyDeviceAction}
        />
      )}
      {!pending && result !== "approved" && result !== "denied" && (
        <DeviceCodeForm userCode={result === "unknown" ? "" : userCode} />
      )}
    </main>
  );
}
