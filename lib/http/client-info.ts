/** Who is calling, for the audit log: the first X-Forwarded-For hop (set by the TLS proxy) and the user agent. */
export function getClientInfo(headers: Headers): { ip?: string; userAgent?: string } {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return { ip: forwarded || headers.get("x-real-ip") || undefined, userAgent: headers.get("user-agent") ?? undefined };
}
