import { CopyButton } from "@/components/portal/copy-button";
import type { AwsRevocationPlan } from "@/lib/people/aws-revocation";

const when = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

function Snippet({ title, value }: { title: string; value: string }) {
  return (
    <div className="mt-3">
      <div className="flex items-center justify-between">
        <h4 className="text-sm font-medium">{title}</h4>
        <CopyButton value={value} label={`Copy ${title}`} />
      </div>
      <pre className="mt-1 overflow-x-auto rounded-lg bg-slate-900 p-3 text-xs text-slate-100">{value}</pre>
    </div>
  );
}

/** The AWS side of a revocation: what an AWS admin runs, since Airlock holds no AWS keys. */
export function AwsRevocation({ revocation }: { revocation: AwsRevocationPlan }) {
  const { cutoff, expiresBy } = revocation;
  return (
    <section aria-labelledby="aws-revocation-heading" className="rounded-xl border border-amber-300 bg-amber-50 p-4">
      <h2 id="aws-revocation-heading" className="font-semibold">
        Deny their live AWS credentials
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        AWS keeps credentials it issued valid until they expire, and Airlock holds no AWS keys, so it cannot end them
        itself. Run these with AWS credentials that may change these roles (<code>iam:PutRolePolicy</code>): they add
        the inline deny AWS documents for revoking temporary credentials, narrowed to this person (SourceIdentity) and
        to credentials issued before {when(cutoff)}, to every role where they hold some. Everyone else on those roles
        keeps working, and so would this person&apos;s credentials issued later, which Airlock no longer issues while
        their access is revoked.
      </p>
      <Snippet title="aws iam put-role-policy commands" value={revocation.putCommands} />
      <p className="mt-3 text-sm text-slate-700">
        After {when(expiresBy)} every one of those credentials has expired: remove the statement again.
      </p>
      <Snippet title="aws iam delete-role-policy commands" value={revocation.deleteCommands} />
      {revocation.accounts.map((a) => (
        <details key={a.accountId} className="mt-3">
          <summary className="cursor-pointer text-sm font-medium">
            Account {a.accountId} as CloudFormation or Terraform
          </summary>
          <Snippet title={`CloudFormation for ${a.accountId}`} value={a.cloudFormation} />
          <Snippet title={`Terraform for ${a.accountId}`} value={a.terraform} />
        </details>
      ))}
    </section>
  );
}
