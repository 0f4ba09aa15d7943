import { saveProblemReason, type SaveProblemReason, type SaveStatus } from '@shared/api/status';
import type { Dispatch } from '../api/dispatch';

/** The part of Electron's `before-quit` and window `close` events used here. */
export interface QuitEvent {
  preventDefault(): void;
}

/** What the user chose when asked about unsaved work. */
export type QuitAnswer = 'quit' | 'cancel';

export interface QuitGuardOptions {
  /** Flushes pending saves and closes the database. */
  close: () => Promise<void>;
  /** Asks again to quit (`app.quit`), once `close` has settled, or once the user said quit from a window. */
  quit: () => void;
  /** Whether quitting now would lose work (the journal cannot be written); checked on every quit. */
  hasUnsavedWork?: () => boolean;
  /** Asks the user (a native dialog); only called when {@link hasUnsavedWork} says so. */
  askBeforeQuit?: () => Promise<QuitAnswer>;
  /** The user chose to stay, e.g. to show a window again when the last one had already gone. */
  onCancel?: () => void;
  /** Quit anyway after this long: a stalled disk must not leave an app that cannot be closed. */
  timeoutMs?: number;
  log?: (e: unknown) => void;
}

/**
 * A `before-quit` listener that holds the first quit until `close` has finished, then lets the
 * repeated quit through. Quits requested while closing are held without closing twice. With
 * unsaved work it asks first ({@link QuitGuardOptions.askBeforeQuit}); a cancelled quit leaves the
 * app as it was, and the next quit asks again.
 *
 * `windowClosing` is for the main window's `close` event where closing the last window ends the
 * app (not macOS): it asks there, while the window is still on screen, and quits if told to.
 */
export type QuitGuard = ((event: QuitEvent) => void) & { windowClosing(event: QuitEvent): void };

export function createQuitGuard({
  close,
  quit,
  hasUnsavedWork = () => false,
  askBeforeQuit,
  onCancel = () => undefined,
  timeoutMs = 10_000,
  log = console.error,
}: QuitGuardOptions): QuitGuard {
  let state: 'open' | 'asking' | 'closing' | 'closed' = 'open';
  /** The user said "quit anyway" (or saved a copy): do not ask again on the way out. */
  let confirmed = false;
  const mustAsk = () => !confirmed && askBeforeQuit !== undefined && hasUnsavedWork();

  const ask = (then: () => void) => {
    state = 'asking';
    askBeforeQuit!()
      .catch((e: unknown) => {
        // A dialog that cannot be shown must not trap the user in an app that will not quit.
        log(e);
        return 'quit' as const;
      })
      .then((answer) => {
        state = 'open';
        if (answer === 'cancel') {
          onCancel();
          return;
        }
        confirmed = true;
        then();
      });
  };

  const startClosing = () => {
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

  const beforeQuit = (event: QuitEvent) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state !== 'open') return;
    if (mustAsk()) ask(startClosing);
    else startClosing();
  };

  const windowClosing = (event: QuitEvent) => {
    if (state === 'asking') {
      event.preventDefault();
      return;
    }
    if (state !== 'open' || !mustAsk()) return;
    event.preventDefault();
    ask(quit);
  };

  return Object.assign(beforeQuit, { windowClosing });
}

/**
 * Counts the dispatches on their way, so that closing can wait for an edit the window sent as it
 * went away (a debounced autosave flushed on `pagehide`) before the database closes.
 */
export function trackDispatch(dispatch: Dispatch): { dispatch: Dispatch; settled(): Promise<void> } {
  let running = 0;
  let waiters: (() => void)[] = [];
  const done = () => {
    running--;
    if (running > 0) return;
    const wake = waiters;
    waiters = [];
    for (const w of wake) w();
  };
  return {
    dispatch: async (channel, input) => {
      running++;
      try {
        return await dispatch(channel, input);
      } finally {
        done();
      }
    },
    settled: () => (running === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
  };
}

/** The services' side of quitting, to be provided by `Services`. */
export interface SaveServices {
  saveStatus(): SaveStatus;
  /** Writes the whole database (the data file's envelope) to `target`. */
  saveCopy(target: string): Promise<void>;
}

/** Edits are refused while the journal cannot be written: quitting loses what is on screen. */
export function isQuitRisky(status: SaveStatus): boolean {
  return status.state === 'failed' && status.problem?.where === 'journal';
}

export type QuitLocale = 'en' | 'zh-CN';
/** The dialogs' words; the renderer's i18n resources are out of reach of the main process. */
export const QUIT_TEXTS: Record<
  QuitLocale,
  {
    title: string;
    message: string;
    detail: (reason: string, file: string) => string;
    reasons: Record<SaveProblemReason, string>;
    quitAnyway: string;
    saveCopy: string;
    cancel: string;
    saveCopyTitle: string;
    jsonFiles: string;
    copyFailed: string;
    ok: string;
  }
> = {
  en: {
    title: 'Account Planner',
    message: 'Your latest edits are not saved.',
    detail: (reason, file) =>
      `${reason}: ${file}\n\nEdits are refused until this is fixed, so what is on screen may not be stored. ` +
      'You can save a copy of everything that is stored to another place (a USB drive, another disk), then quit.',
    reasons: {
      diskFull: 'The disk is full',
      readOnly: 'The file cannot be written (read-only or no permission)',
      diskError: 'The disk reported an error',
      generic: 'The file cannot be written',
    },
    quitAnyway: 'Quit anyway',
    saveCopy: 'Save a copy…',
    cancel: 'Cancel',
    saveCopyTitle: 'Save a copy of your data',
    jsonFiles: 'Account Planner data',
    copyFailed: 'The copy could not be saved.',
    ok: 'OK',
  },
  'zh-CN': {
    title: 'Account Planner',
    message: '最近的修改没有保存。',
    detail: (reason, file) =>
      `${reason}：${file}\n\n在问题解决之前，所有修改都会被拒绝，屏幕上的内容可能并未保存。` +
      '你可以先把已保存的全部数据另存一份到别处（U 盘、其他磁盘），然后退出。',
    reasons: {
      diskFull: '磁盘已满',
      readOnly: '文件无法写入（只读或没有权限）',
      diskError: '磁盘出错',
      generic: '文件无法写入',
    },
    quitAnyway: '仍然退出',
    saveCopy: '另存一份…',
    cancel: '取消',
    saveCopyTitle: '另存一份数据',
    jsonFiles: 'Account Planner 数据',
    copyFailed: '副本没有保存成功。',
    ok: '好',
  },
};

/** Electron's `dialog`, as far as quitting needs it (bound to the window by the caller). */
export interface QuitDialogs {
  showMessageBox(options: {
    type: 'warning' | 'error';
    title: string;
    message: string;
    detail: string;
    buttons: string[];
    defaultId: number;
    cancelId: number;
    noLink: boolean;
  }): Promise<{ response: number }>;
  showSaveDialog(options: {
    title: string;
    defaultPath: string;
    filters: { name: string; extensions: string[] }[];
  }): Promise<{ canceled: boolean; filePath?: string }>;
}

export interface AskBeforeQuitOptions {
  status: SaveStatus;
  locale: QuitLocale;
  dialogs: QuitDialogs;
  saveCopy: (target: string) => Promise<void>;
  /** Where the save dialog starts, e.g. `~/Documents/planner-copy.json`. */
  defaultCopyPath: string;
}

const QUIT_ANYWAY = 0;
const SAVE_COPY = 1;
const CANCEL = 2;

/**
 * The question asked before quitting with unsaved work: Quit anyway / Save a copy… / Cancel.
 * "Save a copy…" asks where, writes the copy and quits; a cancelled or failed copy asks again.
 */
export async function askBeforeQuit({ status, locale, dialogs, saveCopy, defaultCopyPath }: AskBeforeQuitOptions): Promise<QuitAnswer> {
  const t = QUIT_TEXTS[locale];
  const problem = status.problem;
  const detail = t.detail(t.reasons[saveProblemReason(problem?.errno ?? null)], problem?.file ?? status.dataFile);
  for (;;) {
    const { response } = await dialogs.showMessageBox({
      type: 'warning',
      title: t.title,
      message: t.message,
      detail,
      buttons: [t.quitAnyway, t.saveCopy, t.cancel],
      defaultId: SAVE_COPY,
      cancelId: CANCEL,
      noLink: true,
    });
    if (response === QUIT_ANYWAY) return 'quit';
    if (response !== SAVE_COPY) return 'cancel';
    const target = await dialogs.showSaveDialog({
      title: t.saveCopyTitle,
      defaultPath: defaultCopyPath,
      filters: [{ name: t.jsonFiles, extensions: ['json'] }],
    });
    if (target.canceled || !target.filePath) continue;
    try {
      await saveCopy(target.filePath);
      return 'quit';
    } catch (e) {
      await dialogs.showMessageBox({
        type: 'error',
        title: t.title,
        message: t.copyFailed,
        detail: `${target.filePath}\n${e instanceof Error ? e.message : String(e)}`,
        buttons: [t.ok],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      });
    }
  }
}
