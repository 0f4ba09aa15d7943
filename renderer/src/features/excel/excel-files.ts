import type { Locale } from '@shared/model/database';
import { api } from '../../api/client';
import { downloadBlob } from '../../app/download';
import { exportWithProgress } from './excel-progress';

/** Base64 of a file's bytes, in chunks (a 50 MB workbook would overflow one String.fromCharCode call). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Hands bytes to the user as a download (Electron shows its save dialog for it). */
export function downloadBase64(base64: string, fileName: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  downloadBlob(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), fileName);
}

export async function exportPortfolio(locale: Locale): Promise<void> {
  const { fileName, base64 } = await exportWithProgress((jobId) => api.excel.export({ scope: 'portfolio', locale, jobId }));
  downloadBase64(base64, fileName);
}

export async function downloadTemplate(locale: Locale): Promise<void> {
  const { fileName, base64 } = await exportWithProgress((jobId) => api.excel.export({ scope: 'template', locale, jobId }));
  downloadBase64(base64, fileName);
}

/** One account's plan; `image` is the map as a PNG data URL, for the org-chart sheet. */
export async function exportAccountPlan(accountId: string, locale: Locale, image?: { dataUrl: string; width: number; height: number }): Promise<void> {
  const { fileName, base64 } = await exportWithProgress((jobId) =>
    api.excel.export({
      scope: 'account',
      accountId,
      locale,
      jobId,
      ...(image && { image: { base64: image.dataUrl.replace(/^data:image\/png;base64,/, ''), width: image.width, height: image.height } }),
    }),
  );
  downloadBase64(base64, fileName);
}

let pendingPlanExport: string | null = null;

/** Fired when an export is requested while the map is already on screen. */
export const PLAN_EXPORT_EVENT = 'planner:plan-export';

/** Asks the map of this account to export the plan as soon as it is drawn (it supplies the picture). */
export function requestPlanExport(accountId: string): void {
  pendingPlanExport = accountId;
}

/** True once for the account whose export was requested. */
export function takePlanExport(accountId: string): boolean {
  if (pendingPlanExport !== accountId) return false;
  pendingPlanExport = null;
  return true;
}
