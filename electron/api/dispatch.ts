import { z } from 'zod';
import { contract, type Output, type ParsedInput } from '@shared/api/contract';
import { CHANNELS, type Channel } from '@shared/api/channels';
import { AppError, type Result } from '@shared/errors';

/** What a handler receives besides its parsed input. */
export type Handler<C extends Channel> = (input: ParsedInput<C>) => Promise<Output<C>> | Output<C>;
export type HandlerTable = { [C in Channel]: Handler<C> };

/** Runs one channel from untrusted input: checks the channel, parses input, calls the handler. */
export type Dispatch = (channel: string, rawInput: unknown) => Promise<Result<unknown>>;

export const isChannel = (c: string): c is Channel => (CHANNELS as readonly string[]).includes(c);

/** Formats zod issues as one readable sentence: `name: must not be empty; stars: …`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length ? i.path.join('.') : 'input'}: ${i.message}`)
    .join('; ');
}

/**
 * Builds the one entry point both doors use (ipcMain in Electron, HTTP in the browser host).
 * Never throws: every failure becomes `{ error: { code, message } }`.
 */
export function createDispatcher(handlers: HandlerTable, log: (e: unknown) => void = console.error): Dispatch {
  return async (channel, rawInput) => {
    if (!isChannel(channel)) return { error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel: ${channel}` } };
    const parsed = contract[channel].input.safeParse(rawInput);
    if (!parsed.success) {
      return { error: { code: 'VALIDATION', message: `Invalid input for ${channel}: ${describeIssues(parsed.error)}` } };
    }
    try {
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
