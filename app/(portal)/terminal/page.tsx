import type { Metadata } from "next";
import { CommandBlock } from "@/components/portal/command-block";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { quoteCommandWord } from "@/lib/terminal/aws-config";
import { buildUserAwsConfig } from "@/lib/terminal/user-aws-config";

export const metadata: Metadata = { title: "Terminal" };

// /terminal: install the airlock command, sign it in, and use every role as an AWS profile
export default async function TerminalPage() {
  const user = await requireUser("/terminal");
  const env = getEnv();
  const config = await buildUserAwsConfig({ db: getDb(), userId: user.id, groups: user.groups });
  const example = config.profiles[0];
  const target = example
    ? `--account ${example.role.accountId} --role ${quoteCommandWord(example.role.roleName)}`
    : "--account <account> --role <role>";
  return (
    <main className="mx-auto max-w-4xl px-4 py-6">
      <h1 className="text-2xl font-semibold">Terminal</h1>
      <p className="mt-1 text-sm text-slate-600">
        The <code>airlock</code> command gives the AWS CLI, SDKs and tools a profile for each of your roles. Sign in
        once a day; credentials are fetched when a tool needs them, nothing is pasted.
      </p>

      <h2 className="mt-6 text-lg font-semibold">1. Install (Node.js 20 or later)</h2>
      <CommandBlock command={`npm install -g ${env.AIRLOCK_URL}/cli/airlock.tgz`} label="Copy the install command" />

      <h2 className="mt-6 text-lg font-semibold">2. Sign in</h2>
      <p className="mt-1 text-sm text-slate-600">
        Shows a code and opens this portal, where you check the code and approve. The session lasts as long as a browser
        session and is listed under your sessions.
      </p>
      <CommandBlock command="airlock login" label="Copy the sign-in command" />

      <h2 className="mt-6 text-lg font-semibold">3. Add your AWS profiles</h2>
      <p className="mt-1 text-sm text-slate-600">
        Writes {config.profiles.length} profile{config.profiles.length === 1 ? "" : "s"} (region {config.region}) into a
        marked block of <code>~/.aws/config</code>, keeping a backup; the rest of the file stays as it is. Run it again
        when your access changes.
      </p>
      <CommandBlock command="airlock config --write" label="Copy the config command" />
      <a
        href="/terminal/aws-config"
        download
        className="mt-3 inline-block rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
      >
        Download my AWS config
      </a>

      <h2 className="mt-6 text-lg font-semibold">4. Use them</h2>
      <CommandBlock command={`aws s3 ls --profile ${example?.name ?? "<profile>"}`} label="Copy the AWS CLI example" />
      <p className="mt-3 text-sm text-slate-600">Credentials for other tools, in the shell or file format they read:</p>
      <CommandBlock command={`eval "$(airlock creds ${target} --format bash)"`} label="Copy the creds example" />
      <p className="mt-3 text-sm text-slate-600">The AWS console, signed in to the role:</p>
      <CommandBlock command={`airlock console ${target}`} label="Copy the console example" />
      <p className="mt-4 text-sm text-slate-600">
        <code>airlock --help</code> lists every command, option and exit code; <code>airlock logout</code> ends the
        terminal session.
      </p>
    </main>
  );
}
