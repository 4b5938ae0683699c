/**
 * The home page of someone no role reaches. Without any group, the ask is different: the IdP
 * must put them in their team's group first, and only then can a mapping reach them.
 */
export function NoAccess({ groups, contact }: { groups: string[]; contact: string }) {
  if (groups.length === 0)
    return (
      <section role="status" className="mt-8 rounded-xl border border-slate-200 bg-white p-6">
        <h2 className="text-lg font-semibold">You have no AWS access yet</h2>
        <p className="mt-2 text-slate-700">
          Your company identity provider reported no groups for you, and Airlock gives AWS access through groups. Ask{" "}
          {contact} to add you to your team&apos;s group (say which AWS accounts and roles you need and why). Then sign
          out and sign in again: Airlock reads your groups when you sign in.
        </p>
      </section>
    );
  return (
    <section role="status" className="mt-8 rounded-xl border border-slate-200 bg-white p-6">
      <h2 className="text-lg font-semibold">You have no AWS access yet</h2>
      <p className="mt-2 text-slate-700">
        None of your groups ({groups.join(", ")}) is mapped to an AWS role. Ask {contact} to map one of your groups to
        the roles you need, naming the accounts and roles; they will appear here when you next load this page.
      </p>
    </section>
  );
}
