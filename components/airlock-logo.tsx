export function AirlockLogo({ className = "h-8 w-8" }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true">
      <rect width="32" height="32" rx="8" className="fill-slate-900" />
      <path
        d="M9 23V13a7 7 0 0 1 14 0v10"
        className="fill-none stroke-amber-400"
        strokeWidth="2.5"
        strokeLinecap="round"
      />
      <rect x="12" y="17" width="8" height="6" rx="1.5" className="fill-amber-400" />
    </svg>
  );
}
