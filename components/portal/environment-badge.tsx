const styles: [RegExp, string][] = [
  [/^prod/, "bg-red-600 text-white ring-red-700"],
  [/^(stag|uat|pre)/, "bg-amber-100 text-amber-900 ring-amber-300"],
  [/^(dev|sandbox|test)/, "bg-emerald-100 text-emerald-900 ring-emerald-300"],
];

/** Environment label; production is unmistakable (solid red). */
export function EnvironmentBadge({ environment }: { environment: string }) {
  const style =
    styles.find(([pattern]) => pattern.test(environment))?.[1] ?? "bg-slate-100 text-slate-800 ring-slate-300";
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold uppercase ring-1 ${style}`}
    >
      {environment}
    </span>
  );
}
