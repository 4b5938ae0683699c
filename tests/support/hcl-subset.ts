/**
 * A strict parser for the part of HCL (Terraform's native syntax) that Airlock generates: blocks
 * with quoted labels, attributes, quoted strings, heredocs, numbers, traversals, function calls,
 * objects and tuples. Strings are decoded as HCL decodes them (escapes, `$${` and `%%{`) and any
 * interpolation (`${`) or directive (`%{`) is an error, as is anything else it does not know, so a
 * generated file either parses to exactly its values or fails.
 */

export type HclValue =
  | string
  | number
  | { call: string; args: HclValue[] }
  | { traversal: string }
  | HclValue[]
  | { [key: string]: HclValue };
export type HclBlock = { type: string; labels: string[]; body: HclBody };
export type HclBody = { attributes: Record<string, HclValue>; blocks: HclBlock[] };

type Token = { kind: "newline" | "string" | "number" | "ident" | "punct"; value: string };

/** Decodes a template's literal text, refusing interpolations and directives. */
function decodeTemplate(text: string): string {
  return text.replace(/([$%])(\1?)\{/g, (match, sigil: string, doubled: string) => {
    if (!doubled) throw new Error(`template sequence ${sigil}{ in ${JSON.stringify(text)}`);
    return `${sigil}{`;
  });
}

const escapes: Record<string, string> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };

function readString(source: string, start: number): [string, number] {
  let raw = "";
  for (let i = start + 1; i < source.length; i++) {
    const c = source[i];
    if (c === '"') return [decodeTemplate(raw), i + 1];
    if (c === "\n" || c === "\r") throw new Error(`line break in a quoted string at ${i}`);
    if (c !== "\\") {
      raw += c;
      continue;
    }
    const e = source[++i];
    const hex = e === "u" ? 4 : e === "U" ? 8 : 0;
    if (hex) {
      const digits = source.slice(i + 1, i + 1 + hex);
      if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== hex) throw new Error(`bad escape \\${e}${digits}`);
      raw += String.fromCodePoint(parseInt(digits, 16));
      i += hex;
    } else if (escapes[e]) raw += escapes[e];
    else throw new Error(`unknown escape \\${e}`);
  }
  throw new Error("unterminated string");
}

function readHeredoc(source: string, start: number): [string, number] {
  const header = /^<<(-?)([A-Za-z_]\w*)\n/.exec(source.slice(start));
  if (!header) throw new Error(`bad heredoc at ${start}`);
  const lines: string[] = [];
  let i = start + header[0].length;
  for (;;) {
    const end = source.indexOf("\n", i);
    if (end < 0) throw new Error("unterminated heredoc");
    const line = source.slice(i, end);
    i = end;
    if (line.trim() === header[2]) break;
    lines.push(line);
    i += 1;
  }
  const indent = header[1] ? Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length)) : 0;
  return [decodeTemplate(lines.map((l) => `${l.slice(indent)}\n`).join("")), i];
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const c = source[i];
    const skipped = /^(?:[ \t]+|#[^\n]*)/.exec(rest);
    const word = /^(?:[A-Za-z_][\w-]*|\d+(?:\.\d+)?)/.exec(rest);
    let next = i + 1;
    if (skipped) next = i + skipped[0].length;
    else if (c === '"' || rest.startsWith("<<")) {
      const [value, end] = c === '"' ? readString(source, i) : readHeredoc(source, i);
      tokens.push({ kind: "string", value });
      next = end;
    } else if (word) {
      tokens.push({ kind: /^\d/.test(word[0]) ? "number" : "ident", value: word[0] });
      next = i + word[0].length;
    } else if ("\n={}()[],:.".includes(c)) tokens.push({ kind: c === "\n" ? "newline" : "punct", value: c });
    else throw new Error(`unexpected ${JSON.stringify(c)} at ${i}`);
    i = next;
  }
  return tokens;
}

/** Parses a whole file into its attributes and blocks. Throws on anything outside the subset. */
export function parseHcl(source: string): HclBody {
  const tokens = tokenize(source);
  let at = 0;
  const peek = () => tokens[at];
  const skipNewlines = () => {
    while (peek()?.kind === "newline") at++;
  };
  const expect = (value: string) => {
    if (peek()?.value !== value) throw new Error(`expected ${value}, got ${JSON.stringify(peek())}`);
    at++;
  };
  const list = (close: string, item: () => void) => {
    for (skipNewlines(); peek()?.value !== close; skipNewlines()) {
      item();
      if (peek()?.value === ",") at++;
      else if (peek()?.value !== close && peek()?.kind !== "newline") throw new Error(`expected , or ${close}`);
    }
    at++;
  };
  function expression(): HclValue {
    const token = tokens[at++];
    if (!token) throw new Error("unexpected end of file");
    if (token.kind === "string") return token.value;
    if (token.kind === "number") return Number(token.value);
    if (token.value === "[") {
      const items: HclValue[] = [];
      list("]", () => items.push(expression()));
      return items;
    }
    if (token.value === "{") {
      const object: Record<string, HclValue> = {};
      list("}", () => {
        const key = tokens[at++];
        if (key.kind !== "string" && key.kind !== "ident") throw new Error("bad object key");
        if (peek()?.value !== "=") expect(":");
        else at++;
        if (key.value in object) throw new Error(`duplicate key ${key.value}`);
        object[key.value] = expression();
      });
      return object;
    }
    if (token.kind !== "ident") throw new Error(`unexpected ${JSON.stringify(token)}`);
    if (peek()?.value === "(") {
      const args: HclValue[] = [];
      at++;
      list(")", () => args.push(expression()));
      return { call: token.value, args };
    }
    let traversal = token.value;
    while (peek()?.value === ".") {
      at++;
      const next = tokens[at++];
      if (next?.kind !== "ident") throw new Error("bad traversal");
      traversal += `.${next.value}`;
    }
    return { traversal };
  }
  function body(close?: string): HclBody {
    const result: HclBody = { attributes: {}, blocks: [] };
    for (skipNewlines(); at < tokens.length && peek().value !== close; skipNewlines()) {
      const name = tokens[at++];
      if (name.kind !== "ident") throw new Error(`expected a name, got ${JSON.stringify(name)}`);
      if (peek()?.value === "=") {
        at++;
        if (name.value in result.attributes) throw new Error(`duplicate attribute ${name.value}`);
        result.attributes[name.value] = expression();
        if (peek() && peek().kind !== "newline") throw new Error(`expected a line break after ${name.value}`);
        continue;
      }
      const labels: string[] = [];
      while (peek()?.kind === "string") labels.push(tokens[at++].value);
      expect("{");
      result.blocks.push({ type: name.value, labels, body: body("}") });
    }
    if (close) expect(close);
    return result;
  }
  return body();
}
