/**
 * Where a console deep link may land: a service path ("s3", "s3/buckets", "/ec2/home"), optionally
 * with a query and a fragment that carry no URL. Some console pages act on a URL they are handed
 * (CloudFormation's quick-create loads the template at templateURL; sign-in pages follow redirects),
 * so a shared link could otherwise run someone else's template inside a person's AWS session.
 */
export const consoleDestinationRule =
  "a console destination is a service path such as s3, s3/buckets or ec2/home#Instances, optionally with a query or fragment that carries no URL (no http:, https: or //, not even percent-encoded, and no parameter that takes a URL, such as templateURL or redirect).";

const shape = /^\/?[a-z0-9-]+(\/[\w-][\w.-]*)*\/?(\?[\w\-./:=&%$,+~]*)?(#[\w\-./:=&?%$,+~]*)?$/i;
// A scheme, or "//" where a value starts (a scheme-relative URL); "//" inside a value is a path.
const urlLike = /[a-z][\w+.-]*:\/\/|\b(https?|javascript|data|file|ftp):|(^|[=?&#:,])\/\/|\\/i;
const urlParameter = /(^|[?&#/])[\w-]*(url|uri|redirect|return|callback|next|goto|target|location)[\w-]*=/i;

/** Percent-decodes (and the console's own "$25"-style escapes) until nothing changes; undefined if it never settles. */
function decodeFully(value: string): string | undefined {
  let current = value;
  for (let pass = 0; pass < 4; pass++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(current.replace(/\$(?=[0-9a-f]{2})/gi, "%"));
    } catch {
      return undefined;
    }
    if (decoded === current) return current;
    current = decoded;
  }
  return undefined;
}

/** Whether `destination` follows consoleDestinationRule. Pure. */
export function isConsoleDestination(destination: string): boolean {
  if (destination.length > 512 || !shape.test(destination)) return false;
  const decoded = decodeFully(destination);
  return decoded !== undefined && !urlLike.test(decoded) && !urlParameter.test(decoded);
}
