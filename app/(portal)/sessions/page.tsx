import type { Metadata } from "next";
import { ActionForm } from "@/components/admin/action-form";
import { SessionsTable } from "@/components/admin/person-sessions";
import { revokeSessionAction, signOutElsewhereAction } from "@/app/(portal)/actions";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listLiveSessions } from "@/lib/sessions/list-sessions";

export const metadata: Metadata = { title: "Your sessions" };

// /sessions: the person's own live sessions, and "sign out everywhere else"
export default async function SessionsPage() {
  const user = await requireUser("/sessions");
  const sessions = await listLiveSessions({ db: getDb(), userId: user.id });
  const others = sessions.filter((s) => s.id !== user.sessionId).length;
  return (
    <main className="mx-auto max-w-4xl px-4 py-6">
      <h1 className="text-xl font-semibold">Your sessions</h1>
      <p className="mt-1 text-sm text-slate-600">
        Where you are signed in to Airlock, in browsers and terminals. A session ends by itself when it reaches its end
        time or after an hour without use.
      </p>
      <SessionsTable sessions={sessions} currentId={user.sessionId} revoke={revokeSessionAction} />
      {others > 0 && (
        <ActionForm action={signOutElsewhereAction} submitLabel="Sign out everywhere else" danger>
          <p className="mt-4 text-sm text-slate-700">
            Ends your {others} other session{others === 1 ? "" : "s"} at once; this one stays signed in.
          </p>
        </ActionForm>
      )}
    </main>
  );
}
