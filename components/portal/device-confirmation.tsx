import type { ApprovalGrant } from "@/lib/device/describe-approval";
import type { PendingDevice } from "@/lib/device/decide-authorization";

type Action = (form: FormData) => Promise<void>;
const when = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

function ago(from: Date, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - from.getTime()) / 60_000));
  return minutes === 0 ? "just now" : `${minutes} minute${minutes === 1 ? "" : "s"} ago`;
}

/** What a person checks before letting a terminal act as them, and the two buttons. */
export function DeviceConfirmation({
  device,
  person,
  grant,
  now,
  approve,
  deny,
}: {
  device: PendingDevice;
  person: { name: string; email: string };
  grant: ApprovalGrant;
  now: Date;
  approve: Action;
  deny: Action;
}) {
  return (
    <section className="mt-6 rounded-xl border border-slate-200 bg-white p-5">
      <p role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
        Only approve a code that you started yourself, in your own terminal, just now. If someone sent you this code or
        link, deny it: approving would give them your AWS access.
      </p>
      <dl className="mt-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="text-slate-500">Code</dt>
        <dd data-testid="device-code" className="font-mono text-lg tracking-widest">
          {device.userCode}
        </dd>
        <dt className="text-slate-500">Machine</dt>
        <dd data-testid="device-name">{device.deviceName ?? "(no name given)"}</dd>
        <dt className="text-slate-500">Address</dt>
        <dd data-testid="device-address" className="font-mono">
          {device.clientIp ?? "unknown"}
        </dd>
        <dt className="text-slate-500">Program</dt>
        <dd data-testid="device-agent" className="font-mono text-xs break-all">
          {device.userAgent ?? "unknown"}
        </dd>
        <dt className="text-slate-500">Asked</dt>
        <dd>
          {ago(device.createdAt, now)} ({when(device.createdAt)})
        </dd>
        <dt className="text-slate-500">Signs in as</dt>
        <dd data-testid="device-person">
          {person.name} &lt;{person.email}&gt;
        </dd>
      </dl>
      <p data-testid="device-grant" className="mt-4 text-sm text-slate-700">
        {`If you approve, this terminal can list your ${grant.roleCount} AWS role${grant.roleCount === 1 ? "" : "s"} ` +
          `and issue credentials and console sign-ins for them as you, for ${grant.sessionHours} hours ` +
          `(until about ${when(grant.until)}), or until you sign it out on Your sessions.`}
      </p>
      <div className="mt-5 flex gap-3">
        <form action={approve}>
          <input type="hidden" name="user_code" value={device.userCode} />
          <button
            type="submit"
            className="rounded-lg bg-slate-900 px-4 py-2.5 font-medium text-white hover:bg-slate-700"
          >
            Approve
          </button>
        </form>
        <form action={deny}>
          <input type="hidden" name="user_code" value={device.userCode} />
          <button
            type="submit"
            className="rounded-lg border border-red-300 px-4 py-2.5 font-medium text-red-800 hover:bg-red-50"
          >
            Deny
          </button>
        </form>
      </div>
    </section>
  );
}
