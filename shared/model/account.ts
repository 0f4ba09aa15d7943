import { z } from 'zod';
import { dateSchema, entityFields, idSchema, longText, shortText, timestampSchema } from './common';
import { contactSchema, influenceLineSchema } from './contact';
import { actionSchema, activitySchema, dealSchema } from './deal';
import {
  ACCOUNT_KINDS,
  ACCOUNT_STAGES,
  ALL_WARNING_SIGNS,
  DIVISION_KINDS,
  GIFT_POLICIES,
  INTENT_LEVELS,
  type WarningSign,
  gradeSchema,
  relationshipTypeSchema,
  VALUE_FACTORS,
  type ValueFactor,
} from './vocabulary';

const amount = z.number().min(0).max(1e13);
const optionalNumber = (min: number, max: number) => z.number().min(min).max(max).nullable().default(null);

/**
 * What we know about the customer, in the profile form's sections: basic data, characteristics,
 * performance, our trading terms with them, satisfaction and ownership. Flat, so that one patch
 * merges key by key.
 */
export const accountProfileSchema = z.looseObject({
  // Basic data
  industry: shortText().default(''),
  region: shortText().default(''),
  address: shortText(500).default(''),
  website: shortText(500).default(''),
  phone: shortText(100).default(''),
  description: longText.default(''),
  // Characteristics
  ownershipType: shortText().default(''),
  businessModel: shortText(500).default(''),
  mainProducts: shortText(500).default(''),
  marketPosition: shortText(500).default(''),
  decisionStyle: shortText(500).default(''),
  // Performance (the customer's own business)
  revenue: optionalNumber(0, 1e13),
  revenueGrowth: optionalNumber(-100, 10_000),
  employees: z.number().int().min(0).max(10_000_000).nullable().default(null),
  marketShare: optionalNumber(0, 100),
  // Trading history with us (the orders themselves are `Account.orders`)
  customerSince: dateSchema.nullable().default(null),
  paymentTerms: shortText().default(''),
  creditLimit: optionalNumber(0, 1e13),
  tradingNotes: longText.default(''),
  // Prospects: what we expect them to buy a year, and how keen they are
  expectedAnnualPurchases: optionalNumber(0, 1e13),
  intent: z.enum(INTENT_LEVELS).nullable().default(null),
  // Satisfaction
  satisfaction: z.number().int().min(1).max(5).nullable().default(null),
  openComplaints: z.number().int().min(0).max(100_000).nullable().default(null),
  lastReview: dateSchema.nullable().default(null),
  satisfactionNotes: longText.default(''),
  // Ownership on our side
  owner: shortText().default(''),
  team: shortText(500).default(''),
  executiveSponsor: shortText().default(''),
  ownerSince: dateSchema.nullable().default(null),
});
export type AccountProfile = z.infer<typeof accountProfileSchema>;

const factorValue = z.number().min(-1e13).max(1e13).nullable().default(null);
export const valueFactorsSchema = z.looseObject(
  Object.fromEntries(VALUE_FACTORS.map((k) => [k, factorValue])) as Record<ValueFactor, typeof factorValue>,
);
export type ValueFactors = z.infer<typeof valueFactorsSchema>;

export const giftPolicySchema = z.looseObject({
  rule: z.enum(GIFT_POLICIES).default('unknown'),
  notes: longText.default(''),
});

/** One warning sign on the health checklist: ticked, since when, and what was seen. */
export const warningSignSchema = z.looseObject({
  present: z.boolean().default(false),
  since: dateSchema.nullable().default(null),
  notes: longText.default(''),
});
export type WarningSignEntry = z.infer<typeof warningSignSchema>;
export const warningSignsSchema = z.looseObject(
  Object.fromEntries(ALL_WARNING_SIGNS.map((k) => [k, warningSignSchema.prefault({})])) as Record<
    WarningSign,
    z.ZodPrefault<typeof warningSignSchema>
  >,
);

/** One order the customer placed with us: the trading history the matrices are read from. */
export const orderSchema = z.looseObject({
  ...entityFields,
  date: dateSchema,
  amount,
  divisionId: idSchema.nullable().default(null),
  productLineId: idSchema.nullable().default(null),
  notes: shortText(500).default(''),
});
export type Order = z.infer<typeof orderSchema>;

/** A division or subsidiary of the customer's group (明家族体系关系). */
export const divisionSchema = z.looseObject({
  ...entityFields,
  name: shortText().min(1),
  parentId: idSchema.nullable().default(null),
  kind: z.enum(DIVISION_KINDS).default('division'),
  region: shortText().default(''),
  notes: longText.default(''),
});
export type Division = z.infer<typeof divisionSchema>;

/** A whitespace cell held by a competitor: which part of the group, which of our product lines, who. */
export const whitespaceMarkSchema = z.looseObject({
  ...entityFields,
  divisionId: idSchema.nullable().default(null),
  productLineId: idSchema,
  competitor: shortText().default(''),
  notes: shortText(1000).default(''),
});
export type WhitespaceMark = z.infer<typeof whitespaceMarkSchema>;

/** One key account and everything planned about it. */
export const accountSchema = z.looseObject({
  ...entityFields,
  name: shortText().min(1),
  kind: z.enum(ACCOUNT_KINDS).default('direct'),
  stage: z.enum(ACCOUNT_STAGES).default('customer'),
  profile: accountProfileSchema.prefault({}),
  valueFactors: valueFactorsSchema.prefault({}),
  grade: gradeSchema.nullable().default(null),
  relationshipType: relationshipTypeSchema.nullable().default(null),
  giftPolicy: giftPolicySchema.prefault({}),
  notes: longText.default(''),
  warningSigns: warningSignsSchema.prefault({}),
  /** Set when the user deletes the account; cleared by undo. Deleted accounts are hidden. */
  deletedAt: timestampSchema.nullable().default(null),
  contacts: z.array(contactSchema).default([]),
  influenceLines: z.array(influenceLineSchema).default([]),
  deals: z.array(dealSchema).default([]),
  actions: z.array(actionSchema).default([]),
  activities: z.array(activitySchema).default([]),
  orders: z.array(orderSchema).default([]),
  divisions: z.array(divisionSchema).default([]),
  whitespaceMarks: z.array(whitespaceMarkSchema).default([]),
});
export type Account = z.infer<typeof accountSchema>;
export type AccountInput = z.input<typeof accountSchema>;
