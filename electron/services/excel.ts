import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { AppError } from '@shared/errors';
import { accountSchema, type Account, type AccountInput } from '@shared/model/account';
import type { Database, Locale } from '@shared/model/database';
import type { ImportProblem, RawSheet } from '@shared/excel/types';
import { accountToSheets, portfolioToSheets, templateSheets } from '@shared/excel/to-sheets';
import { isPlanWorkbook, sheetsToAccounts } from '@shared/excel/from-sheets';
import { CONTACT_FIELDS, guessMapping, rowsToContacts, type ContactField } from '@shared/excel/contact-list';
import { previewMerge } from '@shared/excel/merge';
import type { ExcelProgress, ExcelStage, ExportInput, ImportPreview, PreviewInput } from '@shared/api/excel';
import { ExcelImportError, readWorkbook } from '../excel/read-workbook';
import { writeWorkbook } from '../excel/write-workbook';
import type { DatabaseFile } from '../store/database-file';

interface Pending {
  expires: number;
  /** What the accounts will be after the import. */
  after: Account[];
  /** What they were at preview time (null for a new account), to refuse an import over newer edits. */
  before: (Account | null)[];
}

const PREVIEW_LIFETIME_MS = 30 * 60 * 1000;
const fileSafe = (name: string) => name.replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'account';

const ORG_CHART_SHEET: Record<Locale, string> = { 'zh-CN': '组织图', en: 'Org chart' };

/**
 * Excel in and out. Workbooks are written and read at this edge (ExcelJS); rows become domain
 * objects in shared/excel. An import is previewed first and applied later by token, so what is
 * applied is exactly what the user saw, in one write, or nothing.
 */
export class ExcelService {
  private pending = new Map<string, Pending>();
  private jobs = new Map<string, ExcelProgress>();

  /** How far a running export or preview has got; null when unknown or finished long ago. */
  progress(jobId: string): ExcelProgress | null {
    return this.jobs.get(jobId) ?? null;
  }

  private step(jobId: string | undefined, stage: ExcelStage, fraction: number) {
    if (!jobId) return;
    this.jobs.set(jobId, { stage, fraction });
    // A finished job is kept a little for a last poll, then forgotten.
    if (stage === 'done') setTimeout(() => this.jobs.delete(jobId), 60_000).unref?.();
  }

  constructor(
    private readonly deps: {
      store: () => DatabaseFile;
      clock: () => string;
      newId: () => string;
    },
  ) {}

  async export(input: ExportInput): Promise<{ fileName: string; base64: string }> {
    this.step(input.jobId, 'writing', 0.1);
    try {
      return await this.exportNow(input);
    } finally {
      this.step(input.jobId, 'done', 1);
    }
  }

  private async exportNow(input: ExportInput): Promise<{ fileName: string; base64: string }> {
    const now = this.deps.clock();
    const day = now.slice(0, 10);
    const db = this.deps.store().data;
    const { productLines } = db.settings;
    if (input.scope === 'template') {
      const bytes = await writeWorkbook(templateSheets(input.locale, { productLines }));
      return { fileName: input.locale === 'zh-CN' ? '客户计划模板.xlsx' : 'Account plan template.xlsx', base64: bytes.toString('base64') };
    }
    if (input.scope === 'portfolio') {
      const accounts = db.accounts.filter((a) => a.deletedAt === null);
      const bytes = await writeWorkbook(portfolioToSheets(accounts, input.locale, now, { productLines }));
      return { fileName: `${input.locale === 'zh-CN' ? '客户组合' : 'Portfolio'} ${day}.xlsx`, base64: bytes.toString('base64') };
    }
    const account = db.accounts.find((a) => a.id === input.accountId && a.deletedAt === null);
    if (!account) throw new AppError('NOT_FOUND', `No account with id ${input.accountId}`);
    const image = input.image
      ? { sheetName: ORG_CHART_SHEET[input.locale], png: Buffer.from(input.image.base64, 'base64'), width: input.image.width, height: input.image.height }
      : undefined;
    const bytes = await writeWorkbook(accountToSheets(account, input.locale, now, { productLines }), { ...(image && { image }), creator: 'Account Planner' });
    return { fileName: `${fileSafe(account.name)} ${day}.xlsx`, base64: bytes.toString('base64') };
  }

  async preview(input: PreviewInput): Promise<ImportPreview> {
    try {
      return await this.previewNow(input);
    } finally {
      this.step(input.jobId, 'done', 1);
    }
  }

  private async previewNow(input: PreviewInput): Promise<ImportPreview> {
    this.forgetExpired();
    this.step(input.jobId, 'reading', 0.05);
    const now = this.deps.clock();
    const bytes = Buffer.from(input.base64, 'base64');
    let sheets: RawSheet[];
    try {
      sheets = await readWorkbook(bytes, input.fileName);
    } catch (e) {
      if (e instanceof ExcelImportError) throw new AppError('IMPORT_FILE', e.message);
      throw e;
    }
    this.step(input.jobId, 'mapping', 0.6);
    const db = this.deps.store().data;
    const { productLines } = db.settings;
    const target = input.accountId === null ? null : (db.accounts.find((a) => a.id === input.accountId && a.deletedAt === null) ?? null);
    if (input.accountId !== null && !target) throw new AppError('NOT_FOUND', `No account with id ${input.accountId}`);

    let incoming: unknown[];
    let problems: ImportProblem[];
    let contactList: ImportPreview['contactList'] = null;
    const format = isPlanWorkbook(sheets) ? 'plan' : 'contactList';
    if (format === 'plan') {
      ({ accounts: incoming, problems } = sheetsToAccounts(sheets, { newId: this.deps.newId, now, productLines, ...(input.locale && { locale: input.locale }) }));
      if (target) incoming = incoming.slice(0, 1);
    } else {
      const sheet = sheets[0] as RawSheet;
      const mapping = (input.mapping ?? guessMapping(sheet.header)) as (ContactField | null)[];
      const read = rowsToContacts(sheet, mapping, { newId: this.deps.newId, now, ...(input.locale && { locale: input.locale }) });
      problems = read.problems;
      const name = path.basename(input.fileName).replace(/\.xlsx$/i, '') || 'Imported contacts';
      incoming = [{ id: this.deps.newId(), createdAt: now, updatedAt: now, name, contacts: read.contacts }];
      contactList = {
        sheet: sheet.name,
        header: sheet.header.map((h) => (h === null ? '' : String(h))),
        mapping,
        fields: CONTACT_FIELDS.map((f) => f.key),
      };
    }

    this.step(input.jobId, 'comparing', 0.85);
    const after: Account[] = [];
    const before: (Account | null)[] = [];
    const accounts: ImportPreview['accounts'] = [];
    for (const raw of incoming) {
      const parsed = accountSchema.safeParse(raw);
      if (!parsed.success) {
        problems.push({ sheet: '', row: null, column: null, message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
        continue;
      }
      const one = parsed.data;
      const existing =
        target ??
        db.accounts.find((a) => a.deletedAt === null && a.id === one.id) ??
        db.accounts.find((a) => a.deletedAt === null && a.name === one.name) ??
        null;
      // An id that collides with a deleted account (or an earlier incoming one) gets a fresh one.
      const fresh = existing === null && (db.accounts.some((a) => a.id === one.id) || after.some((a) => a.id === one.id));
      // The merge gets the input as read, not as parsed: a column the file lacks is an absent key, so
      // the merge leaves that field alone instead of overwriting it with the schema's default.
      const input = raw as AccountInput;
      const incomingAccount = fresh ? { ...input, id: this.deps.newId() } : input;
      const merge = previewMerge(existing, incomingAccount, now, { productLines });
      after.push(merge.merged);
      before.push(existing);
      accounts.push({ name: merge.merged.name, isNew: existing === null, creates: merge.creates, updates: merge.updates, unchanged: merge.unchanged });
    }

    let token: string | null = null;
    if (problems.length === 0 && after.length > 0) {
      token = randomUUID();
      this.pending.set(token, { expires: Date.now() + PREVIEW_LIFETIME_MS, after, before });
    }
    return { token, fileName: input.fileName, format, problems, accounts, contactList };
  }

  /** Applies a previewed import in one command; refused when an account changed since the preview. */
  async apply(token: string): Promise<{ after: Account[]; before: (Account | null)[] }> {
    this.forgetExpired();
    const p = this.pending.get(token);
    if (!p) throw new AppError('NOT_FOUND', 'This import preview has expired; preview the file again.');
    // Checked on the data the command runs on, after every edit queued before it.
    const unchangedSincePreview = (db: Database) =>
      p.before.forEach((b, i) => {
        if (b === null) {
          // A new account that exists by now was created by applying the same file again, and may have been edited since.
          const created = p.after[i] as Account;
          if (db.accounts.some((a) => a.id === created.id)) {
            throw new AppError('VALIDATION', `“${created.name}” was imported after this preview; preview the file again so nothing you did since is lost.`);
          }
          return;
        }
        const current = db.accounts.find((a) => a.id === b.id);
        // Deleting leaves updatedAt alone, so a deleted target is checked for itself: applying would bring it back.
        if (!current || current.deletedAt !== null || current.updatedAt !== b.updatedAt) {
          throw new AppError('VALIDATION', `“${b.name}” changed after the preview; preview the file again so nothing you did since is lost.`);
        }
      });
    const result = await this.deps.store().commit({ type: 'account:import', accounts: p.after }, unchangedSincePreview);
    this.pending.delete(token);
    return { after: result.accounts ?? [], before: p.before };
  }

  private forgetExpired() {
    const now = Date.now();
    for (const [k, v] of this.pending) if (v.expires < now) this.pending.delete(k);
  }
}
