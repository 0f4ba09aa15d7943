import { z } from 'zod';
import { entityFields, longText, shortText, timestampSchema } from './common';
import { contactSchema, influenceLineSchema } from './contact';
import { actionSchema, activitySchema, dealSchema } from './deal';
import {
  ACCOUNT_KINDS,
  GIFT_POLICIES,
  gradeSchema,
  relationshipTypeSchema,
  VALUE_FACTORS,
  type ValueFactor,
} from './vocabulary';

/** Basic data about the customer. */
export const accountProfileSchema = z.looseObject({
  industry: shortText().default(''),
  region: shortText().default(''),
  address: shortText(500).default(''),
  website: shortText(500).default(''),
  owner: shortText().default(''),
  description: longText.default(''),
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

/** One key account and everything planned about it. */
export const accountSchema = z.looseObject({
  ...entityFields,
  name: shortText().min(1),
  kind: z.enum(ACCOUNT_KINDS).default('direct'),
  profile: accountProfileSchema.prefault({}),
  valueFactors: valueFactorsSchema.prefault({}),
  grade: gradeSchema.nullable().default(null),
  relationshipType: relationshipTypeSchema.nullable().default(null),
  giftPolicy: giftPolicySchema.prefault({}),
  notes: longText.default(''),
  /** Set when the user deletes the account; cleared by undo. Deleted accounts are hidden. */
  deletedAt: timestampSchema.nullable().default(null),
  contacts: z.array(contactSchema).default([]),
  influenceLines: z.array(influenceLineSchema).default([]),
  deals: z.array(dealSchema).default([]),
  actions: z.array(actionSchema).default([]),
  activities: z.array(activitySchema).default([]),
});
export type Account = z.infer<typeof accountSchema>;
export type AccountInput = z.input<typeof accountSchema>;
