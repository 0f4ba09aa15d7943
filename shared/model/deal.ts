import { z } from 'zod';
import { dateSchema, entityFields, idSchema, longText, shortText, timestampSchema } from './common';
import {
  ACTIVITY_CHANNELS,
  buyerRoleSchema,
  CRITERION_MOVES,
  dealStageSchema,
  meetingOutcomeSchema,
  NINE_KNOWS,
  SALE_TYPES,
  THREAT_LEVELS,
} from './vocabulary';

const score = z.number().int().min(1).max(5);

/** A criterion the customer uses to compare sellers, with our fit and the main competitor's. */
export const decisionCriterionSchema = z.looseObject({
  ...entityFields,
  name: shortText().default(''),
  rank: z.number().int().min(1).max(999).default(1),
  importance: score.default(3),
  ourFit: score.default(3),
  competitorFit: score.default(3),
  /** A move chosen by the user; null = use the suggested one. */
  move: z.enum(CRITERION_MOVES).nullable().default(null),
  notes: longText.default(''),
});
export type DecisionCriterion = z.infer<typeof decisionCriterionSchema>;

/** A competitor in one deal. */
export const competitorSchema = z.looseObject({
  ...entityFields,
  name: shortText().default(''),
  offer: longText.default(''),
  strengths: longText.default(''),
  weaknesses: longText.default(''),
  threat: z.enum(THREAT_LEVELS).default('medium'),
});
export type Competitor = z.infer<typeof competitorSchema>;

/** The seat a contact takes in one deal's buying centre. */
export const dealRoleSchema = z.looseObject({
  contactId: idSchema,
  role: buyerRoleSchema,
});

/** A customer meeting and its outcome. */
export const meetingSchema = z.looseObject({
  ...entityFields,
  date: dateSchema,
  outcome: meetingOutcomeSchema,
  notes: longText.default(''),
});

/** SPIN question plan. */
export const spinPlanSchema = z.looseObject({
  situation: longText.default(''),
  problem: longText.default(''),
  implication: longText.default(''),
  needPayoff: longText.default(''),
});

const nineKnowsShape = Object.fromEntries(NINE_KNOWS.map((k) => [k, z.boolean().default(false)])) as Record<
  (typeof NINE_KNOWS)[number],
  z.ZodDefault<z.ZodBoolean>
>;
export const nineKnowsSchema = z.looseObject(nineKnowsShape);

/** An opportunity (商机) in an account. */
export const dealSchema = z.looseObject({
  ...entityFields,
  name: shortText().default(''),
  value: z.number().min(0).max(1e13).default(0),
  currency: z.string().regex(/^[A-Z]{3}$/).default('CNY'),
  stage: dealStageSchema.default('discover'),
  /** Win probability in percent; null = the stage default. */
  probability: z.number().min(0).max(100).nullable().default(null),
  expectedCloseDate: dateSchema.nullable().default(null),
  owner: shortText().default(''),
  saleType: z.enum(SALE_TYPES).nullable().default(null),
  buyingCentre: z.array(dealRoleSchema).default([]),
  criteria: z.array(decisionCriterionSchema).default([]),
  competitors: z.array(competitorSchema).default([]),
  spin: spinPlanSchema.prefault({}),
  nineKnows: nineKnowsSchema.prefault({}),
  meetings: z.array(meetingSchema).default([]),
  winStrategy: longText.default(''),
  notes: longText.default(''),
  closedAt: timestampSchema.nullable().default(null),
  /** The part of the customer's group the deal is with (null = the group itself). */
  divisionId: idSchema.nullable().default(null),
  /** Which of our product lines it sells (see settings), for the whitespace map. */
  productLineId: idSchema.nullable().default(null),
});
export type Deal = z.infer<typeof dealSchema>;

/** A next action in 5W2H: what, who, where, when, why, how, how much. */
export const actionSchema = z.looseObject({
  ...entityFields,
  what: shortText(1000).default(''),
  who: shortText().default(''),
  where: shortText().default(''),
  when: dateSchema.nullable().default(null),
  why: longText.default(''),
  how: longText.default(''),
  howMuch: shortText().default(''),
  done: z.boolean().default(false),
  doneAt: timestampSchema.nullable().default(null),
  dealId: idSchema.nullable().default(null),
  contactIds: z.array(idSchema).default([]),
});
export type Action = z.infer<typeof actionSchema>;

/** An entry in the account's activity log: a visit, call, email, gift, meeting… */
export const activitySchema = z.looseObject({
  ...entityFields,
  date: dateSchema,
  channel: z.enum(ACTIVITY_CHANNELS).default('visit'),
  contactIds: z.array(idSchema).default([]),
  dealId: idSchema.nullable().default(null),
  outcome: meetingOutcomeSchema.nullable().default(null),
  summary: shortText(1000).default(''),
  notes: longText.default(''),
  /** A meal, entertainment or a small gift came with a face-to-face contact (checked against the gift policy). */
  hospitality: z.boolean().default(false),
});
export type Activity = z.infer<typeof activitySchema>;
