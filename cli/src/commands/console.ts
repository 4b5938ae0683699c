import { callApi } from "../api";
import { requireOption, stringOption } from "../args";
import { fetchEntitlements, findRole, isAccountId } from "../entitlements";
import { withFreshGroups } from "../fresh-groups";
import { isBrowserAllowed, openBrowser } from "../open-browser";
import { requireSession } from "../session-store";

// airlock console --account A --role R [--region] [--destination] [--reason] [--write] [--print]: the AWS
// console, signed in.
export async function runConsole(options: Record<string, string | boolean>): Promise<void> {
  const account = requireOption(options, "account", "console");
  const role = requireOption(options, "role", "console");
  const session = requireSession();
  const allowBrowser = isBrowserAllowed(options);
  const url = await withFreshGroups(session, { allowBrowser }, async () => {
    let accountId = account;
    let roleName = role;
    if (!isAccountId(account))
      ({ accountId, roleName } = findRole((await fetchEntitlements(session)).roles, account, role));
    const query = new URLSearchParams({ accountId, roleName });
    for (const name of ["region", "destination", "reason"]) {
      const value = stringOption(options, name)?.trim();
      if (value) query.set(name, value);
    }
    if (options.write === true) query.set("access", "write");
    return (await callApi<{ url: string }>(session, { path: `/api/console?${query}` })).url;
  });
  if (options.print || !allowBrowser) {
    process.stdout.write(`${url}\n`);
    return;
  }
  if (await openBrowser(url))
    process.stderr.write(`Opened the AWS console for ${role} in ${account} in your browser.\n`);
  else process.stdout.write(`${url}\n`);
}
