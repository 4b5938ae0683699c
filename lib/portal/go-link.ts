/** The /go deep link for a console request: its confirmation page asks for a click before issuing. Pure. */
export function buildGoLink(input: Record<string, string | undefined>): string {
  const link = new URLSearchParams({ account: input.accountId ?? "", role: input.roleName ?? "" });
  for (const name of ["region", "destination", "access"]) if (input[name]) link.set(name, input[name]);
  return `/go?${link}`;
}
