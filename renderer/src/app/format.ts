import { i18n } from '../i18n';

/** Money in the UI language's style, whole units (deal values are estimates). */
export function formatMoney(value: number, currency = 'CNY'): string {
  return new Intl.NumberFormat(i18n.language, { style: 'currency', currency, maximumFractionDigits: 0 }).format(value);
}

/** A stored instant or date as a short local date. */
export function formatDate(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00` : iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(d);
}
