import { gzipSync } from "node:zlib";

/**
 * A gzipped ustar archive built in memory, as `npm pack` writes one (every path under
 * `package/`). Deterministic: fixed times and owners, so equal files give equal bytes.
 */

export type TarEntry = { path: string; content: Buffer | string; mode?: number };

const BLOCK = 512;

function writeString(header: Buffer, offset: number, length: number, value: string): void {
  const bytes = Buffer.from(value, "utf8");
  if (bytes.length > length) throw new Error(`tar field too long: ${value}`);
  bytes.copy(header, offset);
}

function writeOctal(header: Buffer, offset: number, length: number, value: number): void {
  writeString(header, offset, length, `${value.toString(8).padStart(length - 1, "0")}\0`);
}

function buildHeader(path: string, size: number, mode: number, mtime: number): Buffer {
  const header = Buffer.alloc(BLOCK);
  writeString(header, 0, 100, path);
  writeOctal(header, 100, 8, mode);
  writeOctal(header, 108, 8, 0); // uid
  writeOctal(header, 116, 8, 0); // gid
  writeOctal(header, 124, 12, size);
  writeOctal(header, 136, 12, mtime);
  header.fill(" ", 148, 156); // checksum is computed with its own field as spaces
  header[156] = "0".charCodeAt(0); // regular file
  writeString(header, 257, 6, "ustar\0");
  writeString(header, 263, 2, "00");
  let sum = 0;
  for (const byte of header) sum += byte;
  writeString(header, 148, 8, `${sum.toString(8).padStart(6, "0")}\0 `);
  return header;
}

/** The `.tgz` bytes for `entries`, each stored as `package/<path>`. */
export function buildPackageTarball(entries: TarEntry[], mtime = 0): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const content = Buffer.isBuffer(entry.content) ? entry.content : Buffer.from(entry.content, "utf8");
    parts.push(buildHeader(`package/${entry.path}`, content.length, entry.mode ?? 0o644, mtime), content);
    const padding = (BLOCK - (content.length % BLOCK)) % BLOCK;
    if (padding) parts.push(Buffer.alloc(padding));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return gzipSync(Buffer.concat(parts), { level: 9 });
}
