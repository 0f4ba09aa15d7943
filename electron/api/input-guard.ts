import type { Channel } from '@shared/api/channels';

/**
 * The shape of an input, checked before zod sees it. Zod recurses, so a deep enough input would
 * overflow its stack, and a loose object takes whatever sits under an unknown key; the browser
 * host caps the HTTP body, but Electron's IPC caps nothing. This walk is iterative and cheap:
 * one visit per value, no copies.
 */
export interface InputLimits {
  /** Containers inside containers; the input itself is level 1. */
  depth: number;
  /** Objects, arrays and values in all. */
  nodes: number;
  /** UTF-8 bytes of every string and every key. */
  textBytes: number;
  /** Characters of one object key. */
  keyLength: number;
}

const MiB = 1024 * 1024;

/**
 * - depth 64: the deepest input the app sends is about a dozen levels (a contact's need inside an
 *   `addContacts` inside a batch inside `plan:apply`, and a batch of batches for an undo of a
 *   paste); 64 leaves room for nested batches and for keys a newer version nests in a record,
 *   and is far below where a recursive parse or `JSON.stringify` runs out of stack.
 * - nodes 1,000,000: a 2,000-contact account is about 150,000; a real input spends over ten bytes
 *   on each value, so the text limit is reached long before this one.
 * - text 5 MiB: the browser host's body limit (`DEFAULT_MAX_BODY_BYTES`), so that both doors take
 *   the same inputs; the text of a JSON body is less than the body.
 * - key 256 characters: the model's keys are identifiers under 40; a newer version's would be too.
 */
export const DEFAULT_INPUT_LIMITS: Readonly<InputLimits> = Object.freeze({ depth: 64, nodes: 1_000_000, textBytes: 5 * MiB, keyLength: 256 });

/**
 * Channels that carry a file or a picture as base64. `excel:preview`: the host's 72 MiB for a
 * workbook of a little over 50 MiB. `excel:export`: the map picture's own bound in the contract
 * (40,000,000 characters) and room for the rest; the host, whose limit is 5 MiB for this channel,
 * refuses a bigger picture before it gets here.
 */
export const TEXT_BYTES_BY_CHANNEL: Readonly<Partial<Record<Channel, number>>> = Object.freeze({
  'excel:preview': 72 * MiB,
  'excel:export': 40_000_000 + MiB,
});

/** The limits one channel's input is checked against. */
export function inputLimitsFor(channel: Channel): InputLimits {
  return { ...DEFAULT_INPUT_LIMITS, textBytes: TEXT_BYTES_BY_CHANNEL[channel] ?? DEFAULT_INPUT_LIMITS.textBytes };
}

/** Keys that would reach an object's prototype machinery rather than hold data. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

interface Frame {
  value: object;
  depth: number;
  parent: Frame | null;
  key: string;
}

/** `patch.profile.x.x…`, the first few steps of where the walk stands. */
function pathOf(frame: Frame | null, key?: string): string {
  const keys: string[] = key === undefined ? [] : [key];
  for (let f = frame; f?.parent; f = f.parent) keys.push(f.key);
  keys.reverse();
  if (keys.length === 0) return 'input';
  return keys.length > 8 ? `${keys.slice(0, 8).join('.')}…` : keys.join('.');
}

/** `Map`, `Date`, a class's name: what a value that is not plain data is. */
function kindOf(value: object): string {
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name ? name : Object.prototype.toString.call(value).slice(8, -1);
}

/** A plain object or array as JSON.parse and structured clone make them (from any realm). */
function isPlain(value: object): boolean {
  if (Array.isArray(value)) return true;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

const utf8Bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/**
 * Checks that `input` is plain data (what JSON can write: no Map, Date, BigInt, class instance…)
 * within `limits`. Returns why not, naming the limit and where it was passed, or null.
 */
export function checkInputShape(input: unknown, limits: InputLimits = DEFAULT_INPUT_LIMITS): string | null {
  let nodes = 0;
  let bytes = 0;
  const tooMuchText = () => `its text adds up to more than ${limits.textBytes} bytes, the most the API takes in one call`;
  const tooMany = () => `it holds more than ${limits.nodes} values, the most the API takes in one call`;

  const leaf = (value: unknown, at: Frame | null, key: string | undefined): string | null => {
    nodes++;
    if (typeof value === 'string') {
      bytes += utf8Bytes(value);
      if (bytes > limits.textBytes) return tooMuchText();
      return null;
    }
    if (typeof value === 'bigint' || typeof value === 'symbol' || typeof value === 'function') {
      return `${pathOf(at, key)}: not plain data (a ${typeof value})`;
    }
    return null;
  };

  const stack: Frame[] = [];
  const push = (value: unknown, parent: Frame | null, key: string): string | null => {
    if (typeof value !== 'object' || value === null) return leaf(value, parent, parent ? key : undefined);
    nodes++;
    if (!isPlain(value)) return `${pathOf(parent, parent ? key : undefined)}: not plain data (a ${kindOf(value)})`;
    const depth = parent ? parent.depth + 1 : 1;
    if (depth > limits.depth) return `nested more than ${limits.depth} levels deep, the most the API takes (at ${pathOf(parent, key)})`;
    stack.push({ value, depth, parent, key });
    return null;
  };

  let problem = push(input, null, '');
  while (!problem && stack.length) {
    const frame = stack.pop() as Frame;
    if (Array.isArray(frame.value)) {
      const list = frame.value as unknown[];
      if (nodes + list.length > limits.nodes) return tooMany();
      for (let i = 0; i < list.length && !problem; i++) problem = push(list[i], frame, String(i));
    } else {
      const record = frame.value as Record<string, unknown>;
      const keys = Object.keys(record);
      if (nodes + keys.length > limits.nodes) return tooMany();
      for (let i = 0; i < keys.length && !problem; i++) {
        const key = keys[i] as string;
        if (key.length > limits.keyLength) {
          problem = `${pathOf(frame)}: a key of more than ${limits.keyLength} characters, the most the API takes`;
        } else if (FORBIDDEN_KEYS.has(key)) {
          problem = `${pathOf(frame)}: the key “${key}” is not allowed`;
        } else {
          bytes += utf8Bytes(key);
          problem = bytes > limits.textBytes ? tooMuchText() : push(record[key], frame, key);
        }
      }
    }
  }
  return problem;
}
