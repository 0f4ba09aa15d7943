import type { Locale } from '../model/database';
import {
  ACCOUNT_KINDS,
  ACCOUNT_STAGES,
  ACTIVITY_CHANNELS,
  ALL_WARNING_SIGNS,
  ATTITUDES,
  BUYER_ROLES,
  CONTACT_LEVELS,
  CRITERION_MOVES,
  DEAL_STAGES,
  DIVISION_KINDS,
  GIFT_POLICIES,
  GRADES,
  INFLUENCE_LEVELS,
  INTENT_LEVELS,
  MEETING_OUTCOMES,
  NEED_KINDS,
  NEED_VISIBILITY,
  NINE_KNOWS,
  RELATIONSHIP_TYPES,
  SALE_TYPES,
  THREAT_LEVELS,
} from '../model/vocabulary';
import { SEVERITIES, type RedFlagCode } from '../buying-centre/red-flags';

export type { Locale };

type Labels<K extends string> = Record<K, { en: string; zh: string; aliases?: string[] }>;

/**
 * The vocabularies that travel as labels in Excel cells. Labels are what the user sees in the
 * workbook; `aliases` are other spellings people type (the parser also accepts the internal key
 * and the label of the other language).
 */
export const ENUMS = {
  role: {
    what: { en: 'role', zh: '角色' },
    values: BUYER_ROLES,
    labels: {
      decider: { en: 'Decision maker', zh: '决策者', aliases: ['Economic buyer', 'Economic decision maker', 'Decider', '决策人', '经济决策者', '经济买家'] },
      authority: { en: 'Technical authority', zh: '权威者', aliases: ['Authority', 'Technical buyer', 'Technical decision maker', '技术权威', '技术把关者', '技术决策者'] },
      influencer: { en: 'Influencer', zh: '影响者', aliases: ['影响人'] },
      executor: { en: 'Executor', zh: '执行者', aliases: ['Purchaser', 'Buyer'] },
      user: { en: 'User', zh: '使用者', aliases: ['End user', 'User buyer', '用户'] },
      payer: { en: 'Payer', zh: '付款者', aliases: ['付款人'] },
    } satisfies Labels<(typeof BUYER_ROLES)[number]>,
  },
  attitude: {
    what: { en: 'attitude', zh: '态度' },
    values: ATTITUDES,
    labels: {
      supporter: { en: 'Supporter', zh: '支持', aliases: ['Support', 'Supportive', 'Ally', '支持者', '友'] },
      neutral: { en: 'Neutral', zh: '中立', aliases: ['中立者'] },
      opponent: { en: 'Opponent', zh: '反对', aliases: ['Against', 'Oppose', 'Hostile', '反对者', '敌'] },
      unknown: { en: 'Unknown', zh: '未知', aliases: ['?', '不明'] },
    } satisfies Labels<(typeof ATTITUDES)[number]>,
  },
  influence: {
    what: { en: 'influence', zh: '影响力' },
    values: INFLUENCE_LEVELS,
    labels: {
      high: { en: 'High', zh: '高', aliases: ['影响力高', 'H'] },
      medium: { en: 'Medium', zh: '中', aliases: ['影响力中', 'Med', 'Mid', 'M'] },
      low: { en: 'Low', zh: '低', aliases: ['影响力低', 'L'] },
    } satisfies Labels<(typeof INFLUENCE_LEVELS)[number]>,
  },
  level: {
    what: { en: 'level', zh: '层级' },
    values: CONTACT_LEVELS,
    labels: {
      decision: { en: 'Decision level', zh: '决策层', aliases: ['Decision', 'Executive', 'Top'] },
      management: { en: 'Management', zh: '管理层', aliases: ['Manager', 'Middle'] },
      operational: { en: 'Operational', zh: '操作层', aliases: ['Operations', 'Staff', '执行层'] },
    } satisfies Labels<(typeof CONTACT_LEVELS)[number]>,
  },
  stage: {
    what: { en: 'stage', zh: '阶段' },
    values: DEAL_STAGES,
    labels: {
      discover: { en: 'Discover', zh: '开场/发现需求', aliases: ['Opening', '开场白', '开场', '发现需求', '需求认知', 'Need recognition'] },
      investigate: { en: 'Investigate', zh: '调查研究', aliases: ['Investigating', 'Investigation', '评估选择', 'Evaluation'] },
      prove: { en: 'Prove capability', zh: '证实能力', aliases: ['Demonstrating capability', 'Prove'] },
      commit: { en: 'Obtain commitment', zh: '获得承诺', aliases: ['Commitment', 'Commit', '试用执行'] },
      won: { en: 'Won', zh: '赢单', aliases: ['Win', '成交', '赢'] },
      lost: { en: 'Lost', zh: '丢单', aliases: ['Loss', '输单', '丢'] },
    } satisfies Labels<(typeof DEAL_STAGES)[number]>,
  },
  outcome: {
    what: { en: 'outcome', zh: '结果' },
    values: MEETING_OUTCOMES,
    labels: {
      order: { en: 'Order', zh: '订单' },
      advance: { en: 'Advance', zh: '进展' },
      continuation: { en: 'Continuation', zh: '暂时中断', aliases: ['Stall', '中断'] },
      noSale: { en: 'No sale', zh: '无销售' },
    } satisfies Labels<(typeof MEETING_OUTCOMES)[number]>,
  },
  saleType: {
    what: { en: 'sale type', zh: '销售类型' },
    values: SALE_TYPES,
    labels: {
      transactional: { en: 'Transactional', zh: '交易型' },
      valueAdded: { en: 'Value-added', zh: '附加价值型', aliases: ['增值型'] },
      strategicPartner: { en: 'Strategic partner', zh: '战略伙伴型', aliases: ['Strategic', 'Partnership'] },
    } satisfies Labels<(typeof SALE_TYPES)[number]>,
  },
  threat: {
    what: { en: 'threat level', zh: '威胁程度' },
    values: THREAT_LEVELS,
    labels: {
      high: { en: 'High', zh: '高', aliases: ['H'] },
      medium: { en: 'Medium', zh: '中', aliases: ['Med', 'M'] },
      low: { en: 'Low', zh: '低', aliases: ['L'] },
    } satisfies Labels<(typeof THREAT_LEVELS)[number]>,
  },
  move: {
    what: { en: 'move', zh: '策略' },
    values: CRITERION_MOVES,
    labels: {
      build: { en: 'Build it up', zh: '建立', aliases: ['Build'] },
      reinforce: { en: 'Reinforce', zh: '强化' },
      raise: { en: 'Raise its weight', zh: '提高', aliases: ['Raise', '提高权重'] },
      lower: { en: 'Lower its weight', zh: '降低', aliases: ['Lower', '降低权重'] },
    } satisfies Labels<(typeof CRITERION_MOVES)[number]>,
  },
  grade: {
    what: { en: 'grade', zh: '等级' },
    values: GRADES,
    labels: Object.fromEntries(GRADES.map((g) => [g, { en: g, zh: g }])) as Labels<(typeof GRADES)[number]>,
  },
  kind: {
    what: { en: 'account kind', zh: '客户类型' },
    values: ACCOUNT_KINDS,
    labels: {
      direct: { en: 'Direct customer', zh: '直接客户', aliases: ['Direct', '直客'] },
      channel: { en: 'Channel partner', zh: '渠道伙伴', aliases: ['Channel', 'Distributor', '经销商', '渠道'] },
    } satisfies Labels<(typeof ACCOUNT_KINDS)[number]>,
  },
  accountStage: {
    what: { en: 'account stage', zh: '客户阶段' },
    values: ACCOUNT_STAGES,
    labels: {
      customer: { en: 'Customer', zh: '现有客户', aliases: ['Existing customer', 'Existing', 'Current customer', '老客户', '已合作'] },
      prospect: { en: 'Prospect', zh: '潜在客户', aliases: ['Potential customer', 'Lead', 'Target', '潜客', '目标客户', '未合作'] },
    } satisfies Labels<(typeof ACCOUNT_STAGES)[number]>,
  },
  intent: {
    what: { en: 'intent', zh: '合作意向' },
    values: INTENT_LEVELS,
    labels: {
      high: { en: 'High intent', zh: '意向强', aliases: ['High', 'Strong', 'H', '高', '强'] },
      medium: { en: 'Some intent', zh: '意向一般', aliases: ['Medium', 'Some', 'M', '中', '一般'] },
      low: { en: 'Low intent', zh: '意向弱', aliases: ['Low', 'Weak', 'L', '低', '弱'] },
    } satisfies Labels<(typeof INTENT_LEVELS)[number]>,
  },
  divisionKind: {
    what: { en: 'division kind', zh: '分支机构类型' },
    values: DIVISION_KINDS,
    labels: {
      division: { en: 'Division', zh: '事业部', aliases: ['Branch', 'Plant', 'Business unit', '分部', '分厂', '工厂'] },
      subsidiary: { en: 'Subsidiary', zh: '子公司', aliases: ['Affiliate', '附属公司', '控股子公司'] },
    } satisfies Labels<(typeof DIVISION_KINDS)[number]>,
  },
  channel: {
    what: { en: 'channel', zh: '联络方式' },
    values: ACTIVITY_CHANNELS,
    labels: {
      visit: { en: 'Visit', zh: '拜访', aliases: ['Customer visit', '上门拜访', '拜访客户'] },
      phone: { en: 'Phone call', zh: '电话', aliases: ['Phone', 'Call', 'Telephone', '电话沟通'] },
      email: { en: 'Email', zh: '电子邮件', aliases: ['E-mail', 'Mail', '邮件'] },
      sms: { en: 'Text message', zh: '短信', aliases: ['SMS', 'Text'] },
      letter: { en: 'Letter or card', zh: '信函/贺卡', aliases: ['Letter', 'Card', '信函', '贺卡'] },
      gift: { en: 'Gift', zh: '礼品', aliases: ['送礼'] },
      companyVisit: { en: 'Visit to our company', zh: '来访我司', aliases: ['Company visit', 'Visit us', '来访', '参观我司'] },
      seminar: { en: 'Seminar', zh: '研讨会', aliases: ['Workshop', 'Conference', '技术交流会'] },
      meeting: { en: 'Meeting', zh: '会议', aliases: ['会谈', '开会'] },
      personal: { en: 'Personal contact', zh: '私人交往', aliases: ['Personal', '私交'] },
    } satisfies Labels<(typeof ACTIVITY_CHANNELS)[number]>,
  },
  warningSign: {
    what: { en: 'warning sign', zh: '征兆' },
    values: ALL_WARNING_SIGNS,
    labels: {
      ordersSpread: { en: 'Spreads its orders over more suppliers', zh: '把订单分散给更多供应商', aliases: ['Orders spread', 'Orders shrink', '订单分散', '订单减少'] },
      strategyChange: { en: 'Is changing its strategy', zh: '正在改变经营战略', aliases: ['Strategy change', '战略改变', '改变战略'] },
      newPurchasingModel: { en: 'Announces a new purchasing model', zh: '宣布新的采购模式', aliases: ['New purchasing model', '新采购模式'] },
      channelConflict: { en: 'A channel conflict that cannot be settled', zh: '无法调和的渠道冲突', aliases: ['Channel conflict', '渠道冲突'] },
      stockOuts: { en: 'Stock-outs we caused', zh: '我方造成的断货', aliases: ['Stock-outs', 'Stockouts', '断货'] },
      priceRises: { en: 'Price rises we imposed', zh: '我方强加的涨价', aliases: ['Price rises', '涨价'] },
      greyImports: { en: 'Cheaper goods flowing in from other regions', zh: '外地低价货窜入', aliases: ['Grey imports', 'Grey goods', '窜货'] },
      brokenPromises: { en: 'Promises not kept', zh: '承诺未兑现', aliases: ['Broken promises'] },
      partnerStaffLeaving: { en: 'The partner’s own staff leaving', zh: '经销商自己的人员流失', aliases: ['Partner staff leaving', 'Staff leaving', '人员流失'] },
    } satisfies Labels<(typeof ALL_WARNING_SIGNS)[number]>,
  },
  relationshipType: {
    what: { en: 'relationship', zh: '关系类型' },
    values: RELATIONSHIP_TYPES,
    labels: {
      supplier: { en: 'Supplier', zh: '供应商' },
      partner: { en: 'Partner', zh: '伙伴' },
      outsider: { en: 'Outsider', zh: '外人' },
      friend: { en: 'Friend', zh: '朋友' },
    } satisfies Labels<(typeof RELATIONSHIP_TYPES)[number]>,
  },
  giftPolicy: {
    what: { en: 'gift policy', zh: '礼品政策' },
    values: GIFT_POLICIES,
    labels: {
      unknown: { en: 'Not known', zh: '未知', aliases: ['Unknown'] },
      allowed: { en: 'Gifts allowed', zh: '允许送礼', aliases: ['Allowed', '允许'] },
      restricted: { en: 'Small gifts only', zh: '仅限小额礼品', aliases: ['Restricted', '限制'] },
      banned: { en: 'No gifts or hospitality', zh: '禁止礼品和招待', aliases: ['Banned', '禁止'] },
    } satisfies Labels<(typeof GIFT_POLICIES)[number]>,
  },
  needKind: {
    what: { en: 'need kind', zh: '需求类别' },
    values: NEED_KINDS,
    labels: {
      organisational: { en: 'Organisational', zh: '组织', aliases: ['Organizational', 'Org', '组织需求'] },
      personal: { en: 'Personal', zh: '个人', aliases: ['个人需求'] },
    } satisfies Labels<(typeof NEED_KINDS)[number]>,
  },
  needVisibility: {
    what: { en: 'need visibility', zh: '需求显隐' },
    values: NEED_VISIBILITY,
    labels: {
      explicit: { en: 'Explicit', zh: '明显', aliases: ['显性'] },
      implicit: { en: 'Implicit', zh: '隐含', aliases: ['隐性'] },
    } satisfies Labels<(typeof NEED_VISIBILITY)[number]>,
  },
  nineKnow: {
    what: { en: 'thing to know', zh: '九明' },
    values: NINE_KNOWS,
    labels: {
      structure: { en: 'Org structure', zh: '明架构' },
      roles: { en: 'Who holds each role', zh: '明角色' },
      process: { en: 'Purchase process', zh: '明流程' },
      timeline: { en: 'Purchase timeline', zh: '明进度' },
      funding: { en: 'Funding and payment', zh: '明实力' },
      allies: { en: 'Supporters and opponents', zh: '明敌友' },
      preferences: { en: 'Personal preferences', zh: '明喜好' },
      needs: { en: 'Needs of each person', zh: '明需求' },
      competitors: { en: 'Competitors’ cards', zh: '明竞者' },
    } satisfies Labels<(typeof NINE_KNOWS)[number]>,
  },
  severity: {
    what: { en: 'severity', zh: '严重程度' },
    values: SEVERITIES,
    labels: {
      high: { en: 'High', zh: '高' },
      medium: { en: 'Medium', zh: '中' },
      low: { en: 'Low', zh: '低' },
    } satisfies Labels<(typeof SEVERITIES)[number]>,
  },
} as const;

export type EnumName = keyof typeof ENUMS;
export type EnumValue<E extends EnumName> = (typeof ENUMS)[E]['values'][number];

/** Yes/no labels of boolean cells. */
export const YES_NO = { en: { yes: 'Yes', no: 'No' }, zh: { yes: '是', no: '否' } } as const;
const TRUE_WORDS = ['yes', 'y', 'true', '1', '是', '对', '有', 'x', '✓', '✔', '√', 'ok'];
const FALSE_WORDS = ['no', 'n', 'false', '0', '否', '不', '不是', '无', '没有', '-', '×', '✗'];

const lang = (locale: Locale): 'en' | 'zh' => (locale === 'zh-CN' ? 'zh' : 'en');

/**
 * Case-, width-, whitespace- and punctuation-insensitive form used to compare headers, sheet names
 * and enum labels ("Reports-to" = "reports to" = "REPORTS TO").
 */
export function normalizeKey(value: string): string {
  return value.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
}

/** The label of an enum value in the given locale. */
export function enumLabel<E extends EnumName>(name: E, value: EnumValue<E>, locale: Locale): string {
  const labels = ENUMS[name].labels as Record<string, { en: string; zh: string }>;
  const l = labels[value];
  return l ? l[lang(locale)] : String(value);
}

/** All labels of an enum in the given locale, in vocabulary order (for dropdown validation). */
export function enumOptions(name: EnumName, locale: Locale): string[] {
  return (ENUMS[name].values as readonly string[]).map((v) => enumLabel(name, v as never, locale));
}

const enumIndex = new Map<EnumName, Map<string, string>>();

/**
 * Reads an enum cell: the label in either language, an alias, or the internal key. Returns
 * `undefined` when nothing matches.
 */
export function parseEnum<E extends EnumName>(name: E, text: string): EnumValue<E> | undefined {
  let index = enumIndex.get(name);
  if (!index) {
    index = new Map();
    const labels = ENUMS[name].labels as Record<string, { en: string; zh: string; aliases?: string[] }>;
    for (const value of ENUMS[name].values as readonly string[]) {
      const l = labels[value];
      const words = [value, l?.en ?? '', l?.zh ?? '', ...(l?.aliases ?? [])];
      for (const w of words) {
        const k = normalizeKey(w) || w.trim();
        if (k && !index.has(k)) index.set(k, value);
      }
    }
    enumIndex.set(name, index);
  }
  const key = normalizeKey(text) || text.trim();
  return index.get(key) as EnumValue<E> | undefined;
}

/** The kind of thing an enum names, for messages ("role", "阶段"). */
export function enumWhat(name: EnumName, locale: Locale): string {
  return ENUMS[name].what[lang(locale)];
}

/** Reads a yes/no cell; `undefined` when it is neither. */
// Normalised once: an import reads a yes/no cell per contact and column.
let yesNoKeys: { yes: Set<string>; no: Set<string> } | null = null;

export function parseYesNo(text: string): boolean | undefined {
  yesNoKeys ??= {
    yes: new Set(TRUE_WORDS.map((w) => normalizeKey(w) || w)),
    no: new Set(FALSE_WORDS.map((w) => normalizeKey(w) || w)),
  };
  const k = normalizeKey(text) || text.trim().toLowerCase();
  if (yesNoKeys.yes.has(k)) return true;
  if (yesNoKeys.no.has(k)) return false;
  return undefined;
}

export function yesNoLabel(value: boolean, locale: Locale): string {
  const l = YES_NO[lang(locale)];
  return value ? l.yes : l.no;
}

/**
 * Red-flag sentences for the Red flags sheet. The renderer has its own i18n layer; `shared/`
 * cannot reach it, so the workbook keeps its own copy of these templates.
 */
export const FLAG_TEMPLATES: Record<'en' | 'zh', Record<RedFlagCode, string>> = {
  en: {
    roleEmpty: 'Nobody fills the role {role}.',
    rolePlaceholderOnly: '{role}: we know the seat, not the person.',
    deciderWeak: 'Our relationship with the decision maker {name} is only {stars} star(s).',
    deciderAttitudeUnknown: 'We do not know where the decision maker {name} stands.',
    opponentHighInfluence: '{name} opposes us and has high influence.',
    noCoach: 'No coach: nobody inside the customer guides us.',
    singleThreaded: 'Single-threaded: we know at most one person well ({strongCount} with 3+ stars).',
    noDecisionLevel: 'Nobody at the decision level is on the map.',
    deciderUnreached: 'No chain of supporters reaches the decision maker {name}.',
    staleJudgements: '{count} judgements are older than {maxAgeDays} days: review them.',
  },
  zh: {
    roleEmpty: '{role} 无人担任。',
    rolePlaceholderOnly: '{role}：只知道职位，不知道是谁。',
    deciderWeak: '与决策者 {name} 的关系只有 {stars} 星。',
    deciderAttitudeUnknown: '不清楚决策者 {name} 的态度。',
    opponentHighInfluence: '{name} 反对我们，且影响力高。',
    noCoach: '没有教练：客户内部没有人指导我们。',
    singleThreaded: '单线联系：关系深的人最多只有一位（3 星以上 {strongCount} 位）。',
    noDecisionLevel: '图上没有决策层的人。',
    deciderUnreached: '没有一条支持者链能接触到决策者 {name}。',
    staleJudgements: '有 {count} 项判断超过 {maxAgeDays} 天未确认，请复核。',
  },
};

export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** Import problem messages, in both languages. */
const MESSAGES = {
  unknownEnum: { en: 'Unknown {what} "{value}"', zh: '未知的{what}“{value}”' },
  notDate: { en: 'Not a date: "{value}"', zh: '不是日期：“{value}”' },
  notNumber: { en: 'Not a number: "{value}"', zh: '不是数字：“{value}”' },
  notYesNo: { en: 'Not yes or no: "{value}"', zh: '不是“是”或“否”：“{value}”' },
  range: { en: '{column} must be {min}-{max}', zh: '{column}必须在 {min}-{max} 之间' },
  stars: { en: 'Stars must be 0-5', zh: '星级必须在 0-5 之间' },
  tooLong: { en: '{column} is too long: at most {max} characters', zh: '{column}太长：最多 {max} 个字符' },
  currency: { en: 'Not a currency code (like CNY): "{value}"', zh: '不是币种代码（如 CNY）：“{value}”' },
  missingColumn: { en: 'Missing required column "{column}"', zh: '缺少必需的列“{column}”' },
  duplicateColumn: { en: 'Column "{column}" appears twice: the second one is ignored', zh: '列“{column}”出现了两次：忽略第二列' },
  missingSheet: { en: 'Missing sheet "{sheet}"', zh: '缺少工作表“{sheet}”' },
  noPlanSheets: { en: 'No sheet of an account plan was found', zh: '没有找到客户规划的工作表' },
  emptyRequired: { en: '{column} is empty: the row is skipped', zh: '{column}为空：跳过此行' },
  duplicateId: { en: 'Duplicate ID "{value}": a new ID is used', zh: 'ID“{value}”重复：改用新 ID' },
  loop: { en: 'Reports-to forms a loop: {path}', zh: '上级关系形成了循环：{path}' },
  successorLoop: { en: 'Successor of forms a loop: {path}', zh: '接替关系形成了循环：{path}' },
  noSuchContact: { en: '{column} "{value}": no such contact', zh: '{column}“{value}”：没有这位联系人' },
  ambiguousContact: {
    en: '{column} "{value}": {count} contacts have this name; give the ID',
    zh: '{column}“{value}”：有 {count} 位联系人同名，请填写 ID',
  },
  noSuchDeal: { en: '{column} "{value}": no such deal', zh: '{column}“{value}”：没有这个商机' },
  ambiguousDeal: {
    en: '{column} "{value}": {count} deals have this name; give the ID',
    zh: '{column}“{value}”：有 {count} 个商机同名，请填写 ID',
  },
  missingDeal: { en: 'The row names no deal: it is skipped', zh: '此行没有指明商机：跳过此行' },
  noSuchDivision: { en: '{column} "{value}": no such division', zh: '{column}“{value}”：没有这个分支机构' },
  ambiguousDivision: {
    en: '{column} "{value}": {count} divisions have this name; give the ID',
    zh: '{column}“{value}”：有 {count} 个分支机构同名，请填写 ID',
  },
  noSuchProductLine: {
    en: '{column} "{value}": no such product line in the settings',
    zh: '{column}“{value}”：设置中没有这条产品线',
  },
  ambiguousProductLine: {
    en: '{column} "{value}": {count} product lines have this name; give the ID',
    zh: '{column}“{value}”：有 {count} 条产品线同名，请填写 ID',
  },
  divisionLoop: { en: 'Part of forms a loop: {path}', zh: '隶属关系形成了循环：{path}' },
  duplicateCell: {
    en: 'This cell of the whitespace map ({value}) is already marked on an earlier row',
    zh: '空白市场的这一格（{value}）已在前面的行中标记',
  },
  duplicateSign: {
    en: 'The warning sign "{value}" appears twice: only the first row is read',
    zh: '征兆“{value}”出现了两次：只读取第一行',
  },
  noSuchAccount: { en: 'Account "{value}": no such account in the workbook', zh: '客户“{value}”：工作簿中没有这个客户' },
  missingAccount: {
    en: 'The workbook holds several accounts: the row names none of them, so it is skipped',
    zh: '工作簿中有多个客户：此行没有指明客户，跳过此行',
  },
  selfLine: { en: 'An influence line cannot link a contact to itself', zh: '影响关系不能连向自己' },
  badMeeting: {
    en: 'Not a meeting: "{value}" (write "YYYY-MM-DD outcome: notes")',
    zh: '不是会谈记录：“{value}”（格式：“YYYY-MM-DD 结果: 备注”）',
  },
  badRoleLine: {
    en: 'Not a buying-centre seat: "{value}" (write "role: name")',
    zh: '不是采购中心角色：“{value}”（格式：“角色: 姓名”）',
  },
  invalidAccount: { en: 'Account "{name}" is not valid: {detail}', zh: '客户“{name}”无效：{detail}' },
} as const;

export type MessageCode = keyof typeof MESSAGES;

export function message(code: MessageCode, locale: Locale, params: Record<string, string | number> = {}): string {
  return fill(MESSAGES[code][lang(locale)], params);
}
