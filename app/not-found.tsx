import type { Metadata } from "next";
import Link from "next/link";
import { StatusMessage } from "@/components/status-message";
import { getSessionUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Page not found" };

// 404 for any address Airlock does not know: the header, what happened, and the way home.
export default async function NotFound() {
  const user = await getSessionUser();
  return (
    <StatusMessage user={user} label="404 · Not found" title="This page does not exist">
      <p className="mt-4 text-slate-700">
        The address may be mistyped, or the link may point to something that was removed. Your AWS accounts are on the
        home page.
      </p>
      <Link
        href={user ? "/" : "/signin"}
        className="mt-6 inline-block rounded-lg bg-slate-900 px-4 py-2.5 font-medium text-white hover:bg-slate-700"
      >
        {user ? "Back to your accounts" : "Sign in to Airlock"}
      </Link>
    </StatusMessage>
  );
}
