import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth-card";
import { describeSignInError } from "@/lib/auth/sign-in-errors";

export const metadata: Metadata = { title: "Sign-in failed" };

export default async function SignInErrorPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; reason?: string }>;
}) {
  const { error, reason } = await searchParams;
  return (
    <AuthCard title="Sign-in failed">
      <p role="alert" className="mt-3 text-slate-700">
        {describeSignInError(reason ?? error)}
      </p>
      <Link
        href="/signin"
        className="mt-6 inline-block rounded-lg bg-slate-900 px-4 py-2.5 font-medium text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-500"
      >
        Back to sign-in
      </Link>
    </AuthCard>
  );
}
