import { z } from 'zod';

/**
 * The six roles of the buying centre (采购中心的六种角色), in the order the method lists them.
 */
export const BUYER_ROLES = ['decider', 'authority', 'influencer', 'executor', 'user', 'payer'] as const;
export const buyerRoleSchema = z.enum(BUYER_ROLES);
export type BuyerRole = z.infer<typeof buyerRoleSchema>;

/** Attitude toward us (明敌友). */
export const ATTITUDES = ['supporter', 'neutral', 'opponent', 'unknown'] as const;
export const attitudeSchema = z.enum(ATTITUDES);
export type Attitude = z.infer<typeof attitudeSchema>;

/** Influence on the decision. */
export const INFLUENCE_LEVELS = ['high', 'medium', 'low'] as const;
export const influenceSchema = z.enum(INFLUENCE_LEVELS);
export type Influence = z.infer<typeof influenceSchema>;

/** Organisational level: 决策层 / 管理层 / 操作层. */
export const CONTACT_LEVELS = ['decision', 'management', 'operational'] as const;
export const contactLevelSchema = z.enum(CONTACT_LEVELS);
export type ContactLevel = z.infer<typeof contactLevelSchema>;

/** Relationship strength in stars (星级), 0 = no relationship yet. */
export const starsSchema = z.number().int().min(0).max(5);

export const NEED_KINDS = ['organisational', 'personal'] as const;
export const NEED_VISIBILITY = ['explicit', 'implicit'] as const;

/** Account grades, A = large orders, B = medium, C = small. */
export const GRADES = ['A1', 'A2', 'A3', 'B1', 'B2', 'C1', 'C2'] as const;
export const gradeSchema = z.enum(GRADES);
export type Grade = z.infer<typeof gradeSchema>;

/** How the customer sees us. */
export const RELATIONSHIP_TYPES = ['supplier', 'partner', 'outsider', 'friend'] as const;
export const relationshipTypeSchema = z.enum(RELATIONSHIP_TYPES);

/** A direct customer, or a channel partner (distributor). */
export const ACCOUNT_KINDS = ['direct', 'channel'] as const;

/** An account we already sell to, or a prospect we are working to win. */
export const ACCOUNT_STAGES = ['customer', 'prospect'] as const;

/** The four warning signs that a key account is about to leave (大客户跳槽征兆). */
export const WARNING_SIGNS = ['ordersSpread', 'strategyChange', 'newPurchasingModel', 'channelConflict'] as const;
/** What a distributor's health card watches for besides the four signs. */
export const CHANNEL_WARNING_SIGNS = ['stockOuts', 'priceRises', 'greyImports', 'brokenPromises', 'partnerStaffLeaving'] as const;
export const ALL_WARNING_SIGNS = [...WARNING_SIGNS, ...CHANNEL_WARNING_SIGNS] as const;
export type WarningSign = (typeof ALL_WARNING_SIGNS)[number];

/** An account's health, from the warning signs and the computed signals. */
export const HEALTH_LEVELS = ['healthy', 'watch', 'atRisk'] as const;
export type HealthLevel = (typeof HEALTH_LEVELS)[number];

/** A prospect's intent to buy from us. */
export const INTENT_LEVELS = ['high', 'medium', 'low'] as const;
export type IntentLevel = (typeof INTENT_LEVELS)[number];

/** A part of the customer's group: a division, or a subsidiary with its own legal entity. */
export const DIVISION_KINDS = ['division', 'subsidiary'] as const;

/** Portfolio matrix cells: existing accounts (contribution × stability) and prospects (expected contribution × intent). */
export const EXISTING_CELLS = ['E1', 'E2', 'E3', 'E4'] as const;
export const PROSPECT_CELLS = ['P1', 'P2', 'P3', 'P4'] as const;
export type MatrixCell = (typeof EXISTING_CELLS)[number] | (typeof PROSPECT_CELLS)[number];

/** The customer's rule on gifts and hospitality. */
export const GIFT_POLICIES = ['unknown', 'allowed', 'restricted', 'banned'] as const;

/** The ten value factors of an account (评估价值). */
export const VALUE_FACTORS = [
  'annualPurchases',
  'annualDiscounts',
  'costToServe',
  'annualNetProfit',
  'historicalContribution',
  'yearsOfCooperation',
  'budgetedTotalProfit',
  'backgroundStrength',
  'potential',
  'influenceReferral',
] as const;
export type ValueFactor = (typeof VALUE_FACTORS)[number];

/** Deal stages: the seller's meeting stages plus the two closed columns. */
export const DEAL_STAGES = ['discover', 'investigate', 'prove', 'commit', 'won', 'lost'] as const;
export const dealStageSchema = z.enum(DEAL_STAGES);
export type DealStage = z.infer<typeof dealStageSchema>;

/** Sale type, each with its own key to success. */
export const SALE_TYPES = ['transactional', 'valueAdded', 'strategicPartner'] as const;

/** The four outcomes of a customer meeting in a large sale. */
export const MEETING_OUTCOMES = ['order', 'advance', 'continuation', 'noSale'] as const;
export const meetingOutcomeSchema = z.enum(MEETING_OUTCOMES);

/** The four moves on a decision criterion. */
export const CRITERION_MOVES = ['build', 'reinforce', 'raise', 'lower'] as const;

export const THREAT_LEVELS = ['high', 'medium', 'low'] as const;

/** Contact channels and their uses. */
export const ACTIVITY_CHANNELS = [
  'visit',
  'phone',
  'email',
  'sms',
  'letter',
  'gift',
  'companyVisit',
  'seminar',
  'meeting',
  'personal',
] as const;

/** The nine things to know about an account or deal (找对人 九明). */
export const NINE_KNOWS = [
  'structure',
  'roles',
  'process',
  'timeline',
  'funding',
  'allies',
  'preferences',
  'needs',
  'competitors',
] as const;
