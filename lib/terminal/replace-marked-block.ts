import { blockBegin, blockEnd } from "@/lib/terminal/aws-config";

/**
 * Puts Airlock's marked block into an AWS config file's text. Pure. Everything outside the block
 * stays byte for byte; a file without a block gets it appended after a blank line.
 */

export type ReplaceResult =
  | { ok: true; text: string; changed: boolean }
  | { ok: false; reason: "unterminated_block" | "clashing_profiles"; clashes: string[] };

/** Names of the profiles a config text defines (`[default]`, `[profile x]`, `[sso-session]` excluded). */
export function listProfileNames(text: string): string[] {
  const names: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*\[\s*(?:profile\s+)?([^\]]+?)\s*\]\s*$/.exec(line);
    if (match && !/^(sso-session|services)\s/.test(match[1])) names.push(match[1]);
  }
  return names;
}

function findBlock(lines: string[]): { start: number; end: number } | "unterminated" | null {
  const start = lines.findIndex((line) => line.trim() === blockBegin);
  if (start === -1) return null;
  const end = lines.findIndex((line, i) => i > start && line.trim() === blockEnd);
  return end === -1 ? "unterminated" : { start, end };
}

/** Replaces (or appends) `block`, refusing when a profile outside it has a name the block uses. */
export function replaceMarkedBlock(existing: string, block: string): ReplaceResult {
  const lines = existing.split("\n");
  const found = findBlock(lines);
  if (found === "unterminated") return { ok: false, reason: "unterminated_block", clashes: [] };
  const outside = found ? [...lines.slice(0, found.start), ...lines.slice(found.end + 1)].join("\n") : existing;
  const taken = new Set(listProfileNames(outside));
  const clashes = listProfileNames(block).filter((name) => taken.has(name));
  if (clashes.length) return { ok: false, reason: "clashing_profiles", clashes };

  const blockLines = block.replace(/\n$/, "").split("\n");
  let text: string;
  if (found) {
    text = [...lines.slice(0, found.start), ...blockLines, ...lines.slice(found.end + 1)].join("\n");
  } else if (existing.trim() === "") {
    text = `${blockLines.join("\n")}\n`;
  } else {
    text = `${existing.replace(/\n*$/, "\n")}\n${blockLines.join("\n")}\n`;
  }
  return { ok: true, text, changed: text !== existing };
}
