/** The part of Electron's `before-quit` event used here. */
export interface QuitEvent {
  preventDefault(): void;
}

export interface QuitGuardOptions {
  /** Flushes pending saves and closes the database. */
  close: () => Promise<void>;
  /** Asks again to quit (`app.quit`), once `close` has settled. */
  quit: () => void;
  /** Quit anyway after this long: a stalled disk must not leave an app that cannot be closed. */
  timeoutMs?: number;
  log?: (e: unknown) => void;
}

/**
 * A `before-quit` listener that holds the first quit until `close` has finished, then lets the
 * repeated quit through. Quits requested while closing are held without closing twice.
 */
export function createQuitGuard({ close, quit, timeoutMs = 10_000, log = console.error }: QuitGuardOptions): (event: QuitEvent) => void {
  let state: 'open' | 'closing' | 'closed' = 'open';
  return (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log(new Error(`Closing the database took over ${timeoutMs} ms; quitting anyway`));
        resolve();
      }, timeoutMs);
    });
    Promise.race([close().catch(log), timedOut]).finally(() => {
      clearTimeout(timer);
      state = 'closed';
      quit();
    });
  };
}
