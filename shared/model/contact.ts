import { z } from 'zod';
import { dateSchema, entityFields, idSchema, longText, shortText, timestampSchema } from './common';
import {
  attitudeSchema,
  buyerRoleSchema,
  contactLevelSchema,
  influenceSchema,
  NEED_KINDS,
  NEED_VISIBILITY,
  starsSchema,
} from './vocabulary';

/** One need of a contact: organisational or personal, explicit (明显) or implicit (隐含). */
export const needSchema = z.looseObject({
  id: idSchema,
  kind: z.enum(NEED_KINDS).default('organisational'),
  visibility: z.enum(NEED_VISIBILITY).default('explicit'),
  text: shortText(2000).default(''),
});
export type Need = z.infer<typeof needSchema>;

/** What good reps collect about a person (the method's list). All optional free text. */
export const personalProfileSchema = z.looseObject({
  age: z.number().int().min(0).max(130).nullable().default(null),
  hometown: shortText().default(''),
  almaMater: shortText().default(''),
  family: shortText(2000).default(''),
  familyBirthdays: shortText(2000).default(''),
  hobbies: shortText(2000).default(''),
  favouriteFood: shortText(2000).default(''),
  books: shortText(2000).default(''),
  lastHoliday: shortText(2000).default(''),
  nextHoliday: shortText(2000).default(''),
  careerGoals: shortText(2000).default(''),
  workGoals: shortText(2000).default(''),
  colleagueRelations: shortText(2000).default(''),
});
export type PersonalProfile = z.infer<typeof personalProfileSchema>;

/** When each judgement about a contact was last confirmed (null = never). */
export const judgementDatesSchema = z.looseObject({
  attitude: timestampSchema.nullable().default(null),
  influence: timestampSchema.nullable().default(null),
  stars: timestampSchema.nullable().default(null),
});

/**
 * A person (or a seat we cannot yet name) in the customer's organisation.
 * `reportsToId` is the formal org chart; informal lines are {@link InfluenceLine}s.
 */
export const contactSchema = z.looseObject({
  ...entityFields,
  name: shortText().default(''),
  title: shortText().default(''),
  department: shortText().default(''),
  level: contactLevelSchema.nullable().default(null),
  reportsToId: idSchema.nullable().default(null),
  role: buyerRoleSchema.nullable().default(null),
  isCoach: z.boolean().default(false),
  attitude: attitudeSchema.default('unknown'),
  influence: influenceSchema.default('medium'),
  stars: starsSchema.default(0),
  confirmedAt: judgementDatesSchema.prefault({}),
  /** A seat held by nobody we know yet ("unknown — 财务部 payer"). */
  isPlaceholder: z.boolean().default(false),
  /** Set when the person has left the customer; the record stays for history. */
  leftOn: dateSchema.nullable().default(null),
  /** The contact whose seat this one took over. */
  successorOfId: idSchema.nullable().default(null),
  needs: z.array(needSchema).default([]),
  profile: personalProfileSchema.prefault({}),
  email: shortText().default(''),
  phone: shortText().default(''),
  notes: longText.default(''),
  /** Manual position on the map; null until placed. */
  position: z.object({ x: z.number(), y: z.number() }).nullable().default(null),
});
export type Contact = z.infer<typeof contactSchema>;

/** An informal influence line between two contacts, directed, with a label ("trusts", "rival"). */
export const influenceLineSchema = z.looseObject({
  ...entityFields,
  fromId: idSchema,
  toId: idSchema,
  label: shortText().default(''),
});
export type InfluenceLine = z.infer<typeof influenceLineSchema>;
