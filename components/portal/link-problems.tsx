/** Why a /go link cannot be used, and what a working one looks like. */
export function LinkProblems({ problems, origin }: { problems: string[]; origin: string }) {
  return (
    <>
      <p className="text-sm font-semibold tracking-wide text-amber-800 uppercase">Link not usable</p>
      <h1 className="mt-2 text-2xl font-semibold">This link cannot open the AWS console</h1>
      <div role="alert" className="mt-4 text-slate-700">
        <ul className="list-disc space-y-1 pl-5" data-testid="link-problems">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      </div>
      <p className="mt-4 text-slate-700">
        A console link names an account and a role, for example{" "}
        <code className="rounded bg-slate-100 px-1 font-mono text-sm break-all">
          {origin}/go?account=production&amp;role=ReadOnly
        </code>{" "}
        (a region and a destination are optional). Ask whoever sent it for the whole link, or pick the role on your home
        page.
      </p>
    </>
  );
}
