import { z } from 'zod';
import { contract, type Output, type ParsedInput } from '@shared/api/contract';
import { CHANNELS, type Channel } from '@shared/api/channels';
import { strictInput, type UnknownKeys } from '@shared/api/strict-input';
import { AppError, type Result } from '@shared/errors';
import { checkInputShape, inputLimitsFor } from './input-guard';

/** What a handler receives besides its parsed input. */
export type Handler<C extends Channel> = (input: ParsedInput<C>) => Promise<Output<C>> | Output<C>;
export type HandlerTable = { [C in Channel]: Handler<C> };

/** Runs one channel from untrusted input: checks the channel, parses input, calls the handler. */
export type Dispatch = (channel: string, rawInput: unknown) => Promise<Result<unknown>>;

export const isChannel = (c: string): c is Channel => (CHANNELS as readonly string[]).includes(c);

/**
 * Channels whose input sends stored records back, and so may carry keys that a file from another
 * version put in them (the v0 prototype's `wechat` on a contact, a newer version's fields). Those
 * keys must round-trip, or the record loses them, or the call fails for a file the app opened
 * fine. There the model's loose objects keep taking unknown keys, bounded like everything else
 * (text, lists, and the input guard's depth and size); the API's own objects still refuse them.
 * - `account:replace`: undo and redo of an import put back a whole account as `account:get` or
 *   `excel:apply` returned it.
 * - `plan:apply`: the undo of a removal re-adds the stored records (contacts, lines, deals with
 *   their criteria and meetings, actions, activities…), the undo of an edit sends the stored value
 *   of each field it changed (a contact's personal profile, a deal's SPIN plan), and a paste sends
 *   copies of stored contacts. The commands and the patches themselves refuse unknown keys.
 * - `settings:update`: product lines and board columns are sent back whole, as `settings:get`
 *   returned them; the weights, thresholds and matrix patches refuse unknown keys.
 * Every other channel refuses unknown keys at every level (`account:update`'s profile patch too).
 */
const KEEPS_STORED_KEYS: ReadonlySet<Channel> = new Set<Channel>(['account:replace', 'plan:apply', 'settings:update']);

/** How a channel's input treats unknown keys; see {@link KEEPS_STORED_KEYS}. */
export const unknownKeysOf = (channel: Channel): UnknownKeys => (KEEPS_STORED_KEYS.has(channel) ? 'keepStored' : 'refuse');

/**
 * The schema the dispatcher parses a channel's input with: the contract's, made strict and bounded
 * by {@link strictInput}. Derived once, at load, so a schema the derivation cannot handle fails
 * at start rather than on a user's call.
 */
const inputSchemas = Object.fromEntries(CHANNELS.map((c) => [c, strictInput(contract[c].input, unknownKeysOf(c))])) as unknown as {
  [C in Channel]: z.ZodType<ParsedInput<C>>;
};
export const inputSchemaOf = <C extends Channel>(channel: C): z.ZodType<ParsedInput<C>> => inputSchemas[channel];

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

/** The branch of a failed union that got furthest: the one whose deepest issue is deepest. */
function furthestBranch(branches: Issue[][]): Issue[] | undefined {
  let best: Issue[] | undefined;
  let bestDepth = -1;
  for (const issues of branches) {
    const depth = Math.max(-1, ...issues.map((i) => i.path.length));
    if (depth > bestDepth) [best, bestDepth] = [issues, depth];
  }
  return best;
}

function sentences(issues: readonly Issue[], prefix: readonly PathKey[], out: string[]): void {
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union') {
      // A command that fails names the field inside it, not just "commands.3: Invalid input".
      const branch = furthestBranch(issue.errors);
      if (branch?.length) {
        sentences(branch, path, out);
        continue;
      }
    }
    const where = path.length ? path.map(String).join('.') : 'input';
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `“${k}”`).join(', ')}`
        : issue.message;
    out.push(`${where}: ${message}`);
  }
}

/** Formats zod issues as one readable sentence: `name: must not be empty; patch.profile: unknown key “x”`. */
export function describeIssues(error: z.ZodError): string {
  const out: string[] = [];
  sentences(error.issues, [], out);
  return out.join('; ');
}

/**
 * Builds the one entry point both doors use (ipcMain in Electron, HTTP in the browser host).
 * Never throws: every failure becomes `{ error: { code, message } }`.
 */
export function createDispatcher(handlers: HandlerTable, log: (e: unknown) => void = console.error): Dispatch {
  return async (channel, rawInput) => {
    if (!isChannel(channel)) return { error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel: ${channel}` } };
    try {
      // Shape first: the parse below recurses, and IPC, unlike the HTTP host, caps nothing.
      const tooBig = checkInputShape(rawInput, inputLimitsFor(channel));
      if (tooBig) return { error: { code: 'VALIDATION', message: `Invalid input for ${channel}: ${tooBig}` } };
      const parsed = inputSchemas[channel].safeParse(rawInput);
      if (!parsed.success) {
        return { error: { code: 'VALIDATION', message: `Invalid input for ${channel}: ${describeIssues(parsed.error)}` } };
      }
      const handler = handlers[channel] as (input: unknown) => unknown;
      return { data: await handler(parsed.data) };
    } catch (e) {
      if (e instanceof AppError) return { error: { code: e.code, message: e.message } };
      if (e instanceof z.ZodError) return { error: { code: 'VALIDATION', message: describeIssues(e) } };
      log(e);
      return { error: { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) } };
    }
  };
}
