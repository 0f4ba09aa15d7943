import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ExcelProgress } from '@shared/api/excel';
import type { Account } from '@shared/model/account';
import type { Services } from '../../electron/services/index';
import { call, useServices } from '../helpers/services';
import { useTempDirs } from '../helpers/temp-dir';

const newTempDir = useTempDirs();
const opener = useServices();
let dataFile: string;

beforeEach(async () => {
  dataFile = path.join(await newTempDir(), 'planner.json');
});

const progressOf = (s: Services, jobId: string) => call<ExcelProgress | null>(s, 'excel:progress', { jobId });

describe('excel:progress', () => {
  it('reports the stages of a preview while it runs, and done at the end', async () => {
    const s = await opener.start(dataFile);
    const sample = await call<Account>(s, 'sample:load', { locale: 'en' });
    const { base64 } = await call<{ base64: string }>(s, 'excel:export', { scope: 'account', accountId: sample.id, locale: 'en' });
    const jobId = randomUUID();
    expect(await progressOf(s, jobId)).toBeNull();

    const running = s.dispatch('excel:preview', { fileName: 'plan.xlsx', base64, accountId: null, jobId });
    // The job registers its first stage before it first waits on the reader.
    const early = await progressOf(s, jobId);
    expect(early?.stage).toBe('reading');
    expect(early?.fraction).toBeGreaterThan(0);
    expect(early?.fraction).toBeLessThan(1);

    const result = await running;
    expect('data' in result).toBe(true);
    expect(await progressOf(s, jobId)).toEqual({ stage: 'done', fraction: 1 });
  });

  it('reports an export as writing, then done; and done also when the job fails', async () => {
    const s = await opener.start(dataFile);
    const jobId = randomUUID();
    const running = s.dispatch('excel:export', { scope: 'template', locale: 'zh-CN', jobId });
    expect((await progressOf(s, jobId))?.stage).toBe('writing');
    await running;
    expect((await progressOf(s, jobId))?.stage).toBe('done');

    const failed = randomUUID();
    const result = await s.dispatch('excel:preview', { fileName: 'x.xlsx', base64: Buffer.from('not a workbook').toString('base64'), accountId: null, jobId: failed });
    expect('error' in result && result.error.code).toBe('IMPORT_FILE');
    expect((await progressOf(s, failed))?.stage).toBe('done');
  });
});
