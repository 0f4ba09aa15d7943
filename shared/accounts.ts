import { AppError } from './errors';
import { accountProfileSchema, accountSchema, giftPolicySchema, valueFactorsSchema, warningSignsSchema, type Account } from './model/account';
import { longText, stamp } from './model/common';
import type { Database } from './model/database';
import type { AccountPatch } from './api/contract';
import { performPlanCommand, type PlanCommand } from './commands/plan-commands';

/** One row of the accounts list. */
export interface AccountSummary {
  id: string;
  name: string;
  kind: Account['kind'];
  grade: Account['grade'];
  industry: string;
  owner: string;
  contactCount: number;
  openDealCount: number;
  openPipeline: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

/** Ids and time come from the caller, so that these commands stay pure and testable. */
export interface CommandContext {
  now: string;
  newId: () => string;
}

export function summarizeAccount(a: Account): AccountSummary {
  const open = a.deals.filter((d) => d.stage !== 'won' && d.stage !== 'lost');
  return {
    id: a.id,
    name: a.name,
    kind: a.kind,
    grade: a.grade,
    industry: a.profile.industry,
    owner: a.profile.owner,
    contactCount: a.contacts.filter((c) => c.leftOn === null).length,
    openDealCount: open.length,
    openPipeline: open.reduce((sum, d) => sum + d.value, 0),
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    deletedAt: a.deletedAt,
  };
}

/** Accounts the user can see (not deleted), most recently changed first. */
export function listAccounts(db: Database): AccountSummary[] {
  return db.accounts
    .filter((a) => a.deletedAt === null)
    .map(summarizeAccount)
    .sort((x, y) => y.updatedAt.localeCompare(x.updatedAt) || x.name.localeCompare(y.name));
}

/** Finds a live account; deleted ones only when `includeDeleted`. */
export function findAccount(db: Database, id: string, includeDeleted = false): Account {
  const a = db.accounts.find((x) => x.id === id);
  if (!a || (a.deletedAt !== null && !includeDeleted)) throw new AppError('NOT_FOUND', `No account with id ${id}`);
  return a;
}

function replaceAccount(db: Database, next: Account): Database {
  return { ...db, accounts: db.accounts.map((a) => (a.id === next.id ? next : a)) };
}

export function createAccount(db: Database, name: string, ctx: CommandContext): { db: Database; account: Account } {
  const account = accountSchema.parse({ ...stamp(ctx.newId(), ctx.now), name: name.trim() });
  return { db: { ...db, accounts: [...db.accounts, account] }, account };
}

/** Adds a complete account (sample, import); it is validated and restored first. */
export function addAccount(db: Database, input: unknown): { db: Database; account: Account } {
  const account = accountSchema.parse(input);
  if (db.accounts.some((a) => a.id === account.id)) throw new AppError('VALIDATION', `Account ${account.id} already exists`);
  return { db: { ...db, accounts: [...db.accounts, account] }, account };
}

export function renameAccount(db: Database, id: string, name: string, now: string): { db: Database; account: Account } {
  const account = { ...findAccount(db, id), name: name.trim(), updatedAt: now };
  return { db: replaceAccount(db, account), account };
}

/** Soft delete: the account is hidden but kept, so the delete can be undone. */
export function deleteAccount(db: Database, id: string, now: string): { db: Database; account: Account } {
  const account = { ...findAccount(db, id), deletedAt: now };
  return { db: replaceAccount(db, account), account };
}

export function restoreDeletedAccount(db: Database, id: string): { db: Database; account: Account } {
  const account = { ...findAccount(db, id, true), deletedAt: null };
  return { db: replaceAccount(db, account), account };
}

/**
 * Applies a profile patch; nested sections are merged key by key. Only the sections the patch
 * names are parsed again (the rest of the account is valid already), so an edit of one field does
 * not cost a parse of the whole account with its contacts and deals.
 */
export function updateAccount(db: Database, id: string, patch: AccountPatch, now: string): { db: Database; account: Account } {
  const current = findAccount(db, id);
  const next: Account = {
    ...current,
    ...(patch.kind !== undefined && { kind: patch.kind }),
    ...(patch.stage !== undefined && { stage: patch.stage }),
    ...(patch.grade !== undefined && { grade: patch.grade }),
    ...(patch.relationshipType !== undefined && { relationshipType: patch.relationshipType }),
    ...(patch.notes !== undefined && { notes: longText.parse(patch.notes) }),
    ...(patch.profile && { profile: accountProfileSchema.parse({ ...current.profile, ...patch.profile }) }),
    ...(patch.valueFactors && { valueFactors: valueFactorsSchema.parse({ ...current.valueFactors, ...patch.valueFactors }) }),
    ...(patch.giftPolicy && { giftPolicy: giftPolicySchema.parse({ ...current.giftPolicy, ...patch.giftPolicy }) }),
    ...(patch.warningSigns && { warningSigns: warningSignsSchema.parse({ ...current.warningSigns, ...patch.warningSigns }) }),
    updatedAt: now,
  };
  return { db: replaceAccount(db, next), account: next };
}

/**
 * Runs editor commands (map, deals, next steps) on one account. All or nothing: the first failing command
 * throws and the database is left as it was.
 */
export function applyPlanCommands(
  db: Database,
  id: string,
  commands: readonly PlanCommand[],
  now: string,
): { db: Database; account: Account } {
  let account = findAccount(db, id);
  for (const cmd of commands) account = performPlanCommand(account, cmd, now).account;
  return { db: replaceAccount(db, account), account };
}

/** Puts back a whole account (undo or redo of an import); it must exist, and is stamped now. */
export function replaceWholeAccount(db: Database, input: Account, now: string): { db: Database; account: Account } {
  findAccount(db, input.id, true);
  const account = accountSchema.parse({ ...input, updatedAt: now });
  return { db: replaceAccount(db, account), account };
}
