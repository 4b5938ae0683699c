/** 3600 → "1 h", 5400 → "1 h 30 min", 900 → "15 min". */
export function formatDuration(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.round((seconds % 3600) / 60);
  if (!hours) return `${minutes} min`;
  return minutes ? `${hours} h ${minutes} min` : `${hours} h`;
}

/** Duration presets up to the allowed maximum, with the role's default among them. */
export function durationPresets(allowed: number, fallback?: number): number[] {
  const presets = [3600, 7200, 14_400, 28_800, 43_200].filter((s) => s <= allowed);
  for (const extra of [allowed, fallback])
    if (extra !== undefined && extra <= allowed && !presets.includes(extra)) presets.push(extra);
  return presets.sort((a, b) => a - b);
}
