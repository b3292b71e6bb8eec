/**
 * A tiny JSON parser that keeps where each value sits in the text, so command files can put a CodeLens
 * above each command and point errors at the right object. (jsonc-parser would do, but its UMD build
 * does not survive bundling; strict JSON needs little code.)
 */
export interface JsonNode {
  readonly type: 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';
  readonly offset: number;
  readonly length: number;
  readonly value: unknown;
  /** Object members in order. */
  readonly members?: readonly { readonly key: string; readonly keyOffset: number; readonly node: JsonNode }[];
  readonly items?: readonly JsonNode[];
}

export class JsonSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

export function parseJsonTree(text: string): JsonNode {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r\ufeff'.includes(text[i])) i++;
  };
  const fail = (what: string): never => {
    throw new JsonSyntaxError(i >= text.length ? `unexpected end of text, expected ${what}` : `unexpected ${JSON.stringify(text[i])}, expected ${what}`, i);
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text[i] === '\n') fail('a closing quote');
      i++;
    }
    if (i >= text.length) fail('a closing quote');
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      i = start;
      return fail('a valid string');
    }
  };
  const value = (): JsonNode => {
    ws();
    const start = i;
    const ch = text[i];
    if (ch === '{') {
      i++;
      const members: { key: string; keyOffset: number; node: JsonNode }[] = [];
      const out: Record<string, unknown> = {};
      ws();
      if (text[i] === '}') i++;
      else {
        for (;;) {
          ws();
          if (text[i] !== '"') fail('a property name in double quotes');
          const keyOffset = i;
          const key = str();
          ws();
          if (text[i] !== ':') fail('":"');
          i++;
          const node = value();
          members.push({ key, keyOffset, node });
          out[key] = node.value;
          ws();
          if (text[i] === ',') {
            i++;
            continue;
          }
          if (text[i] === '}') {
            i++;
            break;
          }
          fail('"," or "}"');
        }
      }
      return { type: 'object', offset: start, length: i - start, value: out, members };
    }
    if (ch === '[') {
      i++;
      const items: JsonNode[] = [];
      ws();
      if (text[i] === ']') i++;
      else {
        for (;;) {
          items.push(value());
          ws();
          if (text[i] === ',') {
            i++;
            continue;
          }
          if (text[i] === ']') {
            i++;
            break;
          }
          fail('"," or "]"');
        }
      }
      return { type: 'array', offset: start, length: i - start, value: items.map((n) => n.value), items };
    }
    if (ch === '"') {
      const s = str();
      return { type: 'string', offset: start, length: i - start, value: s };
    }
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) return fail('a JSON value');
    i += m[0].length;
    const literal = m[0];
    if (literal === 'true' || literal === 'false') return { type: 'boolean', offset: start, length: literal.length, value: literal === 'true' };
    if (literal === 'null') return { type: 'null', offset: start, length: 4, value: null };
    return { type: 'number', offset: start, length: literal.length, value: Number(literal) };
  };
  const root = value();
  ws();
  if (i < text.length) fail('the end of the text');
  return root;
}

/** The member `key` of an object node. */
export function member(node: JsonNode, key: string): JsonNode | undefined {
  return node.members?.find((m) => m.key === key)?.node;
}
