/** The bench's statistics: nearest-rank percentiles and figures rounded to 0.01. */

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Milliseconds rounded to two decimals, as the table and latest.json show them. */
export function ms(n: number): number {
  return Math.round(n * 100) / 100;
}
