import { CHANNELS, splitChannel, type Channel, type MenuCommand } from '@shared/api/channels';
import type { Input, Output, PlannerApi } from '@shared/api/contract';
import type { ApiErrorBody, ErrorCode, Result } from '@shared/errors';
import { track } from './in-flight';

/** What the Electron preload puts on `window.planner`. */
export interface PreloadBridge extends PlannerApi {
  host: 'electron';
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

declare global {
  interface Window {
    planner?: PreloadBridge;
  }
}

/** An error answered by the API, with its catalogue code. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The browser host's door: POST /api/<channel>. The session travels as an HttpOnly cookie, which
 * fetch sends to our own origin by default; the page never sees it.
 */
async function postChannel(channel: Channel, input: unknown): Promise<Result<unknown>> {
  let response: Response;
  try {
    response = await fetch(`/api/${channel}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: input === undefined ? '' : JSON.stringify(input),
    });
  } catch (e) {
    return { error: { code: 'INTERNAL', message: `The app's local server did not answer: ${(e as Error).message}` } };
  }
  try {
    return (await response.json()) as Result<unknown>;
  } catch {
    return { error: { code: 'INTERNAL', message: `Unexpected answer from the local server (HTTP ${response.status})` } };
  }
}

type Raw = (channel: Channel, input: unknown) => Promise<Result<unknown>>;

function rawTransport(): Raw {
  const bridge = window.planner;
  if (bridge) {
    return (channel, input) => {
      const [domain, verb] = splitChannel(channel);
      const fn = (bridge as unknown as Record<string, Record<string, (i: unknown) => Promise<Result<unknown>>>>)[domain]?.[verb];
      if (!fn) return Promise.resolve({ error: { code: 'UNKNOWN_CHANNEL', message: channel } satisfies ApiErrorBody });
      return fn(input);
    };
  }
  return postChannel;
}

let transport: Raw | null = null;

/** Calls one channel and returns its data, or throws {@link ApiError}. */
export async function call<C extends Channel>(channel: C, input?: Input<C>): Promise<Output<C>> {
  transport ??= rawTransport();
  const result = await track(channel, transport(channel, input));
  if ('error' in result) throw new ApiError(result.error.code, result.error.message);
  return result.data as Output<C>;
}

/** The typed API: `api.account.create({ name })` → the new account. */
export type Api = {
  [D in keyof PlannerApi]: {
    [V in keyof PlannerApi[D]]: `${D & string}:${V & string}` extends infer C extends Channel
      ? (input?: Input<C>) => Promise<Output<C>>
      : never;
  };
};

export const api = Object.fromEntries(
  [...new Set(CHANNELS.map((c) => splitChannel(c)[0]))].map((domain) => [
    domain,
    Object.fromEntries(
      CHANNELS.filter((c) => splitChannel(c)[0] === domain).map((c) => [splitChannel(c)[1], (input?: unknown) => call(c, input as never)]),
    ),
  ]),
) as Api;

/** Listens to the native menu (Electron only). */
export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  return window.planner?.onMenuCommand(listener) ?? (() => undefined);
}
