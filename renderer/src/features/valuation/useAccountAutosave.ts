import { useEffect, useRef, useState } from 'react';
import type { AccountPatch } from '@shared/api/contract';
import { api } from '../../api/client';
import { dataChanged } from '../../app/data-version';
import { errorText } from '../../app/errors';
import { mergePatches } from './valuation-rules';

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string };

const SAVE_DELAY_MS = 600;

/**
 * Saves account patches as the user edits: `queue` gathers them (value factors and warning signs
 * merged key by key) and sends them after a pause, `flush` sends at once. Saves go out one after
 * the other, never overlapping; leaving the tab or closing the window sends what is waiting.
 * The state is `saving` from the first unsent change until every change has been stored.
 */
export function useAccountAutosave(accountId: string) {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const pending = useRef<AccountPatch | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const inFlight = useRef(0);

  const flush = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const patch = pending.current;
    if (!patch) return;
    pending.current = null;
    inFlight.current++;
    setState({ kind: 'saving' });
    const send = () =>
      api.account.update({ id: accountId, patch }).then(
        () => {
          inFlight.current--;
          if (inFlight.current === 0 && !pending.current) setState({ kind: 'saved' });
          dataChanged();
        },
        (e: unknown) => {
          inFlight.current--;
          setState({ kind: 'failed', message: errorText(e) });
        },
      );
    // Sent at once when nothing is on the way (so a closing window still gets it out), else after the one before.
    chain.current = inFlight.current === 1 ? send() : chain.current.then(send);
  };
  const flushRef = useRef(flush);
  flushRef.current = flush;

  const queue = (patch: AccountPatch, immediately = false) => {
    pending.current = pending.current ? mergePatches(pending.current, patch) : patch;
    // Waiting for the pause counts as saving: "saved" means nothing is left to send.
    setState({ kind: 'saving' });
    if (timer.current) clearTimeout(timer.current);
    if (immediately) flushRef.current();
    else timer.current = setTimeout(() => flushRef.current(), SAVE_DELAY_MS);
  };

  useEffect(() => {
    const onLeave = () => flushRef.current();
    window.addEventListener('pagehide', onLeave);
    return () => {
      window.removeEventListener('pagehide', onLeave);
      flushRef.current();
    };
  }, []);

  return { state, queue, flush: () => flushRef.current() };
}
