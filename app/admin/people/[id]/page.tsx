import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActionForm, Field } from "@/components/admin/action-form";
import { AwsRevocation } from "@/components/admin/aws-revocation";
import { AwsSessionsTable, SessionsTable } from "@/components/admin/person-sessions";
import { liftSuspensionAction, revokeAccessAction } from "@/app/admin/people/actions";
import { requireAdmin } from "@/lib/auth/session";
import { listLiveAwsSessions } from "@/lib/audit/live-aws-sessions";
import { getDb } from "@/lib/db/client";
import { buildAwsRevocation } from "@/lib/people/aws-revocation";
import { findLastRevocation, getPerson } from "@/lib/people/queries";
import { listUserIdsOf } from "@/lib/people/revoke-access";
import { normaliseSourceIdentity } from "@/lib/saml/aws-attributes";
import { listLiveSessions } from "@/lib/sessions/list-sessions";

export const metadata: Metadata = { title: "Person · Admin" };

// /admin/people/<id>: a person's groups, Airlock sessions and live AWS sessions; revoke access
export default async function PersonPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireAdmin();
  const db = getDb();
  const person = await getPerson({ db, id });
  if (!person) notFound();
  const ids = await listUserIdsOf({ db, email: person.email });
  const [sessions, awsSessions, revokedAt] = await Promise.all([
    Promise.all(ids.map((userId) => listLiveSessions({ db, userId }))).then((lists) => lists.flat()),
    listLiveAwsSessions({ db, userIds: ids }),
    findLastRevocation({ db, email: person.email }),
  ]);
  const revocation =
    revokedAt &&
    buildAwsRevocation({
      sessions: awsSessions,
      revokedAt,
      derivedSourceIdentity: normaliseSourceIdentity(person.username, person.id),
    });
  return (
    <main className="mt-6 space-y-6">
      <header>
        <h1 className="text-xl font-semibold">{person.name ?? person.email}</h1>
        <p className="text-sm text-slate-600">
          {person.email} · {person.idp} · groups as of the last sign-in: {person.groups.join(", ") || "none"}
        </p>
        {person.suspendedAt && (
          <div role="status" className="mt-3 rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900">
            Suspended by {person.suspendedBy} on {person.suspendedAt.toISOString().slice(0, 16).replace("T", " ")} UTC (
            {person.suspendReason}). They cannot sign in or get AWS access until an admin lifts it.
            <ActionForm action={liftSuspensionAction} submitLabel="Lift suspension">
              <input type="hidden" name="userId" value={person.id} />
            </ActionForm>
          </div>
        )}
      </header>
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading" className="font-semibold">
          Airlock sessions
        </h2>
        <SessionsTable sessions={sessions} />
      </section>
      <section aria-labelledby="aws-heading">
        <h2 id="aws-heading" className="font-semibold">
          Live AWS sessions
        </h2>
        <p className="text-sm text-slate-600">
          Credentials and console sessions Airlock issued that have not expired yet. Ending Airlock sessions does not
          end these: AWS keeps them valid until they expire.
        </p>
        <AwsSessionsTable sessions={awsSessions} />
      </section>
      {revocation && <AwsRevocation revocation={revocation} />}
      <section aria-labelledby="revoke-heading" className="rounded-xl border border-red-200 bg-white p-4">
        <h2 id="revoke-heading" className="font-semibold text-red-800">
          Revoke access
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          Ends every Airlock session of {person.email} at once, in the browser and in terminals. They get no new AWS
          access until they sign in again with groups that still entitle them, or, if suspended, until an admin lifts
          it.
        </p>
        <ActionForm
          action={revokeAccessAction}
          submitLabel={`Revoke access for ${person.email}`}
          danger
          confirm={{
            title: `Revoke access for ${person.email}?`,
            description: `Every Airlock session of ${person.email} ends now. AWS sessions already issued stay valid until they expire.`,
            confirmLabel: "Revoke access",
          }}
        >
          <input type="hidden" name="userId" value={person.id} />
          <Field label="Reason" name="reason" required placeholder="Left the company (HR ticket 4711)" />
          <label className="mt-2 flex items-center gap-2 text-sm">
            <input type="checkbox" name="suspend" /> Suspend: refuse their sign-ins until an admin lifts it
          </label>
        </ActionForm>
      </section>
    </main>
  );
}
