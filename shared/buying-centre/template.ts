import { contactSchema, type Contact } from '../model/contact';
import type { Locale } from '../model/database';
import type { BuyerRole, ContactLevel } from '../model/vocabulary';

interface Seat {
  role: BuyerRole;
  level: ContactLevel;
  title: Record<Locale, string>;
  department: Record<Locale, string>;
}

/** The standard six-role buying centre: 总经理, 技术部, 质检部, 采购部, 生产部, 财务部. */
export const STANDARD_SEATS: readonly Seat[] = [
  { role: 'decider', level: 'decision', title: { 'zh-CN': '总经理', en: 'General manager' }, department: { 'zh-CN': '总经理办公室', en: "General manager's office" } },
  { role: 'authority', level: 'management', title: { 'zh-CN': '技术负责人', en: 'Head of technology' }, department: { 'zh-CN': '技术部', en: 'Technical dept.' } },
  { role: 'influencer', level: 'management', title: { 'zh-CN': '质检负责人', en: 'Head of quality' }, department: { 'zh-CN': '质检部', en: 'Quality dept.' } },
  { role: 'executor', level: 'management', title: { 'zh-CN': '采购负责人', en: 'Head of purchasing' }, department: { 'zh-CN': '采购部', en: 'Purchasing dept.' } },
  { role: 'user', level: 'management', title: { 'zh-CN': '生产负责人', en: 'Head of production' }, department: { 'zh-CN': '生产部', en: 'Production dept.' } },
  { role: 'payer', level: 'management', title: { 'zh-CN': '财务负责人', en: 'Head of finance' }, department: { 'zh-CN': '财务部', en: 'Finance dept.' } },
];

/**
 * The six seats as placeholder contacts ("unknown — 财务部 payer"), everyone reporting to the
 * general manager, ready to be named as we learn who holds them.
 */
export function standardBuyingCentre(newId: () => string, now: string, locale: Locale): Contact[] {
  const ids = STANDARD_SEATS.map(() => newId());
  return STANDARD_SEATS.map((seat, i) =>
    contactSchema.parse({
      id: ids[i],
      createdAt: now,
      updatedAt: now,
      name: '',
      isPlaceholder: true,
      role: seat.role,
      level: seat.level,
      title: seat.title[locale],
      department: seat.department[locale],
      reportsToId: i === 0 ? null : ids[0],
    }),
  );
}

/** A new, empty contact. */
export function newContact(id: string, now: string, fields: Partial<Contact> = {}): Contact {
  return contactSchema.parse({ id, createdAt: now, updatedAt: now, ...fields });
}
