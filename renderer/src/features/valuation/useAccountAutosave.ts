import { useEffect, useRef, useState } from 'react';
import type { AccountPatch } from '@shared/api/contract';
import { api, ApiError } from '../../api/client';
import { registerPendingSave } from '../../api/in-flight';
import { dataChanged } from '../../app/data-version';
import { errorText } from '../../app/errors';
import { useResendWhenSaved } from '../../app/useResendWhenSaved';
import { mergePatches } from './valuation-rules';

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string };

const SAVE_DELAY_MS = 600;

/**
 * Saves account patches as the user edits: `queue` gathers them (value factors and warning signs
 * merged key by key) and sends them after a pause, `flush` sends at once. Saves go out one after
 * the other, never overlapping; leaving the tab or closing the window sends what is waiting.
 * The state is `saving` from the first unsent change until every change has been stored. A save
 * the store refused to write (SAVE_FAILED) goes again, under the newer changes, with the next one.
 */
export function useAccountAutosave(accountId: string) {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const pending = useRef<AccountPatch | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const inFlight = useRef(0);
  /** What the store refused to write, sent again with the next save (saves never overlap). */
  const refused = useRef<AccountPatch | null>(null);

  const flush = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const patch = pending.current;
    if (!patch && !refused.current) return;
    pending.current = null;
    inFlight.current++;
    setState({ kind: 'saving' });
    const stored = () => {
      inFlight.current--;
      if (inFlight.current === 0 && !pending.current && !refused.current) setState({ kind: 'saved' });
    };
    const send = () => {
      const again = refused.current;
      refused.current = null;
      const out = again && patch ? mergePatches(again, patch) : (patch ?? again);
      if (!out) {
        stored();
        return Promise.resolve();
      }
      return api.account.update({ id: accountId, patch: out }).then(
        () => {
          stored();
          dataChanged();
        },
        (e: unknown) => {
          inFlight.current--;
          if (e instanceof ApiError && e.code === 'SAVE_FAILED') refused.current = refused.current ? mergePatches(out, refused.current) : out;
          setState({ kind: 'failed', message: errorText(e) });
        },
      );
    };
    // Sent at once when nothing is on the way (so a closing window still gets it out), else after the one before.
    chain.current = inFlight.current === 1 ? send() : chain.current.then(send);
  };
  const flushRef = useRef(flush);
  flushRef.current = flush;
  useResendWhenSaved(() => {
    if (refused.current) flushRef.current();
  });

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
    const unregister = registerPendingSave(() => pending.current !== null || refused.current !== null);
    return () => {
      window.removeEventListener('pagehide', onLeave);
      unregister();
      flushRef.current();
    };
  }, []);

  return { state, queue, flush: () => flushRef.current() };
}
