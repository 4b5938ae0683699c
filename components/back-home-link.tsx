import Link from "next/link";

/** The way out of a page that could not do what a link asked. */
export function BackHomeLink() {
  return (
    <Link
      href="/"
      className="mt-6 inline-block rounded-lg bg-slate-900 px-4 py-2.5 font-medium text-white hover:bg-slate-700"
    >
      Back to your accounts
    </Link>
  );
}
