import Link from "next/link";

const results = {
  approved: {
    title: "Terminal approved",
    body: "Return to your terminal: it finishes signing in within a few seconds. You can close this page.",
  },
  denied: {
    title: "Sign-in denied",
    body: "The terminal will not be signed in. If you did not start this sign-in yourself, tell your security team.",
  },
  expired: {
    title: "This code has expired",
    body: "Codes last ten minutes. Run `airlock login` in your terminal again to get a new one.",
  },
  unknown: {
    title: "No sign-in has this code",
    body: "Check the code your terminal shows (eight letters, like BCDF-GHJK) and enter it again. If it still fails, run `airlock login` again.",
  },
  gone: {
    title: "This code can no longer be used",
    body: "It was already approved, denied or used, or it expired. Run `airlock login` in your terminal again to get a new one.",
  },
  rate_limited: {
    title: "Too many codes entered",
    body: "Airlock limits how many codes can be tried, so that nobody can guess one. Wait ten minutes, then enter the code again.",
  },
  foreign: {
    title: "Approve from Airlock's own page",
    body: "The request did not come from Airlock's page. Open the link your terminal shows and approve there.",
  },
} as const;

export type DeviceResult = keyof typeof results;

export function isDeviceResult(value: unknown): value is DeviceResult {
  return typeof value === "string" && Object.hasOwn(results, value);
}

/** The end of a visit to /device: what happened and what to do next. */
export function DeviceResultView({ result }: { result: DeviceResult }) {
  const { title, body } = results[result];
  return (
    <section
      role={result === "approved" || result === "denied" ? "status" : "alert"}
      className="mt-6 rounded-xl border border-slate-200 bg-white p-5"
    >
      <h2 className="text-lg font-semibold">{title}</h2>
      <p className="mt-2 text-slate-700">{body}</p>
      {result !== "approved" && result !== "denied" && (
        <Link href="/device" className="mt-4 inline-block text-sm font-medium text-slate-900 underline">
          Enter a code
        </Link>
      )}
    </section>
  );
}

/** The code entry form: a plain GET to /device, pre-filled when the link carried the code. */
export function DeviceCodeForm({ userCode = "" }: { userCode?: string }) {
  return (
    <form method="get" action="/device" className="mt-6 rounded-xl border border-slate-200 bg-white p-5">
      <label htmlFor="user_code" className="block text-sm font-medium">
        Code shown in your terminal
      </label>
      <input
        id="user_code"
        name="user_code"
        defaultValue={userCode}
        required
        maxLength={20}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        placeholder="BCDF-GHJK"
        className="mt-2 w-56 rounded-lg border border-slate-300 px-3 py-2 font-mono text-lg tracking-widest uppercase"
      />
      <button
        type="submit"
        className="ml-3 rounded-lg bg-slate-900 px-4 py-2.5 font-medium text-white hover:bg-slate-700"
      >
        Continue
      </button>
    </form>
  );
}
