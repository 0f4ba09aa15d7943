import { VALUE_FACTORS } from '../model/vocabulary';
import { enumOptions, normalizeKey, YES_NO, type EnumName, type Locale } from './labels';
import type { CellValue, ColumnSpec, ColumnType, SheetKind } from './types';

/**
 * One column of a sheet, in both languages. `key` is a dotted path into the domain record where
 * that is simple (`profile.age`), or a name the mapping knows (`reportsTo`, `needs`).
 */
export interface FieldDef {
  key: string;
  type: ColumnType;
  en: string;
  zh: string;
  /** Other headers people use for this column, in either language. */
  aliases?: readonly string[];
  width?: number;
  enum?: EnumName;
  required?: boolean;
  /** Written on export, ignored on import (pipeline totals, red-flag sentences). */
  computed?: boolean;
  /** Longest text accepted (the schema's limit). */
  max?: number;
  /** Range of number cells; integers only when `integer`. */
  min?: number;
  maxValue?: number;
  integer?: boolean;
  /**
   * What a blank cell in a present column means. Unset: '' for text, false for yes/no, 0 for
   * stars, null otherwise.
   */
  blank?: unknown;
}

/** Every sheet kind, in workbook order. */
export const SHEET_KINDS: readonly SheetKind[] = [
  'accounts',
  'account',
  'contacts',
  'lines',
  'deals',
  'criteria',
  'competitors',
  'actions',
  'activities',
  'divisions',
  'orders',
  'whitespace',
  'signs',
  'flags',
];

/** The sheets of one account plan, in workbook order. */
export const PLAN_SHEET_KINDS: readonly SheetKind[] = [
  'account',
  'contacts',
  'lines',
  'deals',
  'criteria',
  'competitors',
  'actions',
  'activities',
  'divisions',
  'orders',
  'whitespace',
  'signs',
  'flags',
];

const SHEET_NAMES: Record<SheetKind, { en: string; zh: string; aliases: readonly string[] }> = {
  account: { en: 'Account', zh: '客户概况', aliases: ['Account profile', 'Profile', 'Customer', '客户', '客户信息', '客户资料'] },
  contacts: {
    en: 'Buying centre',
    zh: '采购中心',
    aliases: ['Buying center', 'Contacts', 'Contact list', 'People', '联系人', '联系人列表', '通讯录'],
  },
  lines: { en: 'Influence lines', zh: '影响关系', aliases: ['Lines', 'Influence', 'Relationships', '关系', '影响线'] },
  deals: { en: 'Deals', zh: '商机', aliases: ['Opportunities', 'Pipeline', '商机列表', '机会'] },
  criteria: { en: 'Decision criteria', zh: '决策准则', aliases: ['Criteria', '准则', '决策标准'] },
  competitors: { en: 'Competitors', zh: '竞争对手', aliases: ['Competition', '竞争', '竞品'] },
  actions: { en: 'Actions', zh: '行动计划', aliases: ['Action plan', 'Next actions', 'Next steps', '行动', '下一步'] },
  activities: {
    en: 'Activity log',
    zh: '联络记录',
    aliases: ['Activities', 'Activity', 'Contact log', 'Visits', '联络', '活动记录', '拜访记录', '联系记录'],
  },
  divisions: {
    en: 'Divisions',
    zh: '分支机构',
    aliases: ['Group structure', 'Group', 'Subsidiaries', 'Organisation', 'Organization', '组织', '集团体系', '事业部', '子公司'],
  },
  orders: { en: 'Orders', zh: '订单', aliases: ['Order history', 'Trading history', 'Sales', '订单记录', '交易记录', '销售记录'] },
  whitespace: {
    en: 'Whitespace',
    zh: '空白市场',
    aliases: ['Whitespace map', 'Whitespace marks', 'White space', '空白市场图', '空白'],
  },
  signs: {
    en: 'Warning signs',
    zh: '流失征兆',
    aliases: ['Health', 'Health checklist', 'Signs', '大客户跳槽征兆', '跳槽征兆', '征兆', '健康检查'],
  },
  flags: { en: 'Red flags', zh: '风险', aliases: ['Flags', 'Risks', 'Warnings', '警示', '风险提示'] },
  accounts: { en: 'Accounts', zh: '客户列表', aliases: ['Portfolio', 'Customers', '客户组合', '客户清单'] },
};

/** The sheet's name in the UI language. */
export function sheetName(kind: SheetKind, locale: Locale): string {
  return locale === 'zh-CN' ? SHEET_NAMES[kind].zh : SHEET_NAMES[kind].en;
}

/** Recognizes a sheet by its name in either language, or a common variant; null if unknown. */
export function sheetKindOf(name: string): SheetKind | null {
  const k = normalizeKey(name);
  for (const kind of SHEET_KINDS) {
    const n = SHEET_NAMES[kind];
    if ([n.en, n.zh, ...n.aliases].some((x) => normalizeKey(x) === k)) return kind;
  }
  return null;
}

const id = (en = 'ID', zh = 'ID', aliases: readonly string[] = ['编号', 'Id', 'No']): FieldDef => ({
  key: 'id',
  type: 'id',
  en,
  zh,
  aliases,
  width: 14,
});

const text = (key: string, en: string, zh: string, aliases: readonly string[] = [], max = 200): FieldDef => ({
  key,
  type: 'text',
  en,
  zh,
  aliases,
  max,
});
const long = (key: string, en: string, zh: string, aliases: readonly string[] = [], max = 20_000): FieldDef => ({
  key,
  type: 'longText',
  en,
  zh,
  aliases,
  max,
  width: 40,
});
const enumCol = (key: string, en: string, zh: string, e: EnumName, aliases: readonly string[] = [], blank: unknown = null): FieldDef => ({
  blank,
  key,
  type: 'enum',
  en,
  zh,
  aliases,
  enum: e,
});

const money = (key: string, en: string, zh: string, aliases: readonly string[] = []): FieldDef => ({
  key,
  type: 'money',
  en,
  zh,
  aliases,
  min: 0,
  maxValue: 1e13,
});

/** The two columns that open every sheet of a portfolio export. */
export const ACCOUNT_REF_FIELDS: readonly FieldDef[] = [
  { key: 'accountName', type: 'text', en: 'Account', zh: '客户名称', aliases: ['Account name', 'Customer', 'Company', '客户', '公司', '公司名称'], width: 20 },
  { key: 'accountId', type: 'id', en: 'Account ID', zh: '客户ID', aliases: ['客户编号', 'Customer ID'], width: 14 },
];

const VALUE_FACTOR_LABELS: Record<(typeof VALUE_FACTORS)[number], { en: string; zh: string; type: ColumnType }> = {
  annualPurchases: { en: 'Annual purchases', zh: '年进货额', type: 'money' },
  annualDiscounts: { en: 'Annual discounts', zh: '年折扣额', type: 'money' },
  costToServe: { en: 'Cost to serve', zh: '接触成本', type: 'money' },
  annualNetProfit: { en: 'Annual net profit', zh: '年净利润', type: 'money' },
  historicalContribution: { en: 'Historical contribution', zh: '历史贡献', type: 'money' },
  yearsOfCooperation: { en: 'Years of cooperation', zh: '合作时间', type: 'number' },
  budgetedTotalProfit: { en: 'Budgeted total profit', zh: '预算总利', type: 'money' },
  backgroundStrength: { en: 'Background and strength', zh: '背景能力', type: 'number' },
  potential: { en: 'Potential', zh: '客户潜力', type: 'number' },
  influenceReferral: { en: 'Influence and referral', zh: '影响推荐', type: 'number' },
};

const ACCOUNT_FIELDS: readonly FieldDef[] = [
  id(),
  {
    key: 'name',
    type: 'text',
    en: 'Account',
    zh: '客户名称',
    aliases: ['Name', 'Account name', 'Customer', 'Company', '名称', '客户', '公司', '公司名称'],
    required: true,
    max: 200,
    width: 24,
  },
  enumCol('kind', 'Kind', '客户类型', 'kind', ['Type', 'Account type', '类型'], 'direct'),
  enumCol('stage', 'Stage', '客户阶段', 'accountStage', ['Account stage', 'Customer or prospect', '阶段'], 'customer'),
  enumCol('grade', 'Grade', '等级', 'grade', ['Class', '分级', '档次', '级别']),
  enumCol('relationshipType', 'Relationship', '关系类型', 'relationshipType', ['Relationship type', '关系']),
  // Basic data
  text('profile.industry', 'Industry', '行业', ['Sector', '所属行业']),
  text('profile.region', 'Region', '地区', ['Area', 'Territory', '区域']),
  text('profile.address', 'Address', '地址', [], 500),
  text('profile.website', 'Website', '网站', ['Web', 'URL', '网址'], 500),
  text('profile.phone', 'Phone', '电话', ['Telephone', 'Tel', 'Switchboard', '总机', '联系电话'], 100),
  long('profile.description', 'Description', '简介', ['About', '描述', '客户简介']),
  // Characteristics
  text('profile.ownershipType', 'Ownership type', '所有制形式', ['Ownership', 'Legal form', '所有制', '企业性质']),
  text('profile.businessModel', 'Business model', '经营模式', ['商业模式'], 500),
  text('profile.mainProducts', 'Main products', '主要产品', ['Products', '主营产品', '产品'], 500),
  text('profile.marketPosition', 'Market position', '市场地位', ['Position', '行业地位'], 500),
  text('profile.decisionStyle', 'Decision style', '决策风格', ['Decision making', '决策方式'], 500),
  // Performance (the customer's own business)
  money('profile.revenue', 'Revenue (a year)', '年营业额', ['Revenue', 'Annual revenue', 'Turnover', '营业额', '年收入', '营收']),
  // A number in percent rather than a percent cell: growth can pass 100 %, which a fraction cell cannot tell from 1 %.
  { key: 'profile.revenueGrowth', type: 'number', en: 'Revenue growth (%)', zh: '营业额增长率（%）', aliases: ['Revenue growth', 'Growth', 'Growth %', '营业额增长率', '增长率', '营收增长率'], min: -100, maxValue: 10_000 },
  { key: 'profile.employees', type: 'number', en: 'Employees', zh: '员工人数', aliases: ['Staff', 'Headcount', 'Number of employees', '员工数', '人数'], min: 0, maxValue: 10_000_000, integer: true },
  { key: 'profile.marketShare', type: 'percent', en: 'Market share', zh: '市场占有率', aliases: ['Share', '市场份额', '市占率'], min: 0, maxValue: 100 },
  // Trading history with us
  { key: 'profile.customerSince', type: 'date', en: 'Customer since', zh: '开始合作日期', aliases: ['First order', '合作开始', '合作起始日期'] },
  text('profile.paymentTerms', 'Payment terms', '付款条件', ['Terms', 'Payment', '付款方式', '账期']),
  money('profile.creditLimit', 'Credit limit', '信用额度', ['Credit', '授信额度']),
  long('profile.tradingNotes', 'Trading notes', '交易备注', ['Trading history', '交易情况']),
  // Prospects
  money('profile.expectedAnnualPurchases', 'Expected annual purchases', '预计年采购额', ['Expected purchases', 'Expected contribution', '预计采购额', '预期贡献']),
  enumCol('profile.intent', 'Intent to buy', '合作意向', 'intent', ['Intent', 'Buying intent', '意向', '购买意向']),
  // Satisfaction
  { key: 'profile.satisfaction', type: 'number', en: 'Satisfaction (1-5)', zh: '满意度（1-5）', aliases: ['Satisfaction', 'Satisfaction score', '满意度', '满意度评分'], min: 1, maxValue: 5, integer: true },
  { key: 'profile.openComplaints', type: 'number', en: 'Open complaints', zh: '未解决投诉', aliases: ['Complaints', '投诉', '投诉数'], min: 0, maxValue: 100_000, integer: true },
  { key: 'profile.lastReview', type: 'date', en: 'Last review', zh: '上次回访', aliases: ['Last review date', '回访日期', '上次回访日期'] },
  long('profile.satisfactionNotes', 'Satisfaction notes', '满意度备注', ['满意度说明']),
  // Ownership on our side
  text('profile.owner', 'Owner', '负责人', ['Account manager', 'Key account manager', '客户经理']),
  text('profile.team', 'Account team', '客户团队', ['Team', '团队'], 500),
  text('profile.executiveSponsor', 'Executive sponsor', '高层支持人', ['Sponsor', '高层支持', '高管支持']),
  { key: 'profile.ownerSince', type: 'date', en: 'Owner since', zh: '负责起始日期', aliases: ['负责起始'] },
  enumCol('giftPolicy.rule', 'Gift policy', '礼品政策', 'giftPolicy', ['Gifts', '礼品与招待政策'], 'unknown'),
  long('giftPolicy.notes', 'Gift policy notes', '礼品政策说明', ['Gift notes']),
  ...VALUE_FACTORS.map(
    (k): FieldDef => ({
      key: `valueFactors.${k}`,
      type: VALUE_FACTOR_LABELS[k].type,
      en: VALUE_FACTOR_LABELS[k].en,
      zh: VALUE_FACTOR_LABELS[k].zh,
      min: -1e13,
      maxValue: 1e13,
    }),
  ),
  long('notes', 'Notes', '备注', ['Comments', 'Remarks', '说明']),
];

const PORTFOLIO_COMPUTED: readonly FieldDef[] = [
  { key: 'contactCount', type: 'number', en: 'Contacts', zh: '联系人数', computed: true },
  { key: 'openDeals', type: 'number', en: 'Open deals', zh: '进行中商机', computed: true },
  { key: 'pipeline', type: 'money', en: 'Pipeline', zh: '商机金额', computed: true },
  { key: 'weightedPipeline', type: 'money', en: 'Weighted pipeline', zh: '加权商机金额', computed: true },
  { key: 'flagCount', type: 'number', en: 'Red flags', zh: '风险数', computed: true },
];

/** Columns of the profile fields, for the contacts sheet and the contact-list mapping. */
export const PROFILE_FIELDS: readonly FieldDef[] = [
  { key: 'profile.age', type: 'number', en: 'Age', zh: '年龄', aliases: [], min: 0, maxValue: 130, integer: true },
  text('profile.hometown', 'Hometown', '籍贯', ['Home town', '家乡', '老家']),
  text('profile.almaMater', 'Alma mater', '毕业院校', ['School', 'University', 'Education', '学校', '母校']),
  long('profile.family', 'Family', '家庭', ['家庭情况'], 2000),
  long('profile.familyBirthdays', 'Family birthdays', '家人生日', ['Birthdays', '生日'], 2000),
  long('profile.hobbies', 'Hobbies and sports', '爱好', ['Hobbies', 'Interests', 'Sports', '兴趣爱好', '运动'], 2000),
  long('profile.favouriteFood', 'Favourite food', '喜爱的饮食', ['Favorite food', 'Food', 'Restaurant', '饮食', '餐厅'], 2000),
  long('profile.books', 'Books', '读书', ['Reading', '书籍', '喜欢的书'], 2000),
  long('profile.lastHoliday', 'Last holiday', '上次假期', ['Last vacation'], 2000),
  long('profile.nextHoliday', 'Next holiday', '下次假期', ['Next vacation'], 2000),
  long('profile.careerGoals', 'Career goals', '职业目标', ['Career', '职业规划'], 2000),
  long('profile.workGoals', 'Work goals this year', '今年工作目标', ['Work goals', 'Goals', '工作目标'], 2000),
  long('profile.colleagueRelations', 'Relations with colleagues', '同事关系', ['Colleagues'], 2000),
];

const CONTACT_FIELDS_DEF: readonly FieldDef[] = [
  id(),
  {
    key: 'name',
    type: 'text',
    en: 'Name',
    zh: '姓名',
    aliases: ['Full name', 'Contact', 'Contact name', 'Person', '名字', '联系人', '联系人姓名', '名称'],
    required: true,
    max: 200,
    width: 16,
  },
  text('title', 'Title', '职务', ['Job title', 'Position', 'Job', '职位', '职称', '头衔', '岗位']),
  text('department', 'Department', '部门', ['Dept', 'Division', 'Unit', '科室', '所属部门']),
  enumCol('level', 'Level', '层级', 'level', ['Org level', 'Organisational level', '组织层级']),
  text('reportsTo', 'Reports to', '上级', ['Manager', 'Boss', 'Supervisor', 'Line manager', 'Reports to name', '汇报对象', '直属上级', '汇报给', '领导']),
  { key: 'reportsToId', type: 'id', en: 'Reports to ID', zh: '上级ID', aliases: ['Manager ID', 'Boss ID', '上级编号', '汇报对象ID'], width: 14 },
  enumCol('role', 'Role', '角色', 'role', ['Buyer role', 'Buying role', '采购角色', '角色类型']),
  { key: 'isCoach', type: 'bool', en: 'Coach', zh: '教练', aliases: ['Is coach', '内线', '教练内线', '是否教练'] },
  enumCol('attitude', 'Attitude', '态度', 'attitude', ['Stance', 'Attitude to us', '明敌友', '对我方态度'], 'unknown'),
  enumCol('influence', 'Influence', '影响力', 'influence', ['Influence level', '影响', '影响程度'], 'medium'),
  { key: 'stars', type: 'stars', en: 'Stars', zh: '星级', aliases: ['Relationship', 'Relationship stars', 'Rating', '关系', '关系强度', '关系星级'], min: 0, maxValue: 5, integer: true },
  text('email', 'Email', '邮箱', ['E-mail', 'Mail', 'Email address', '电子邮件', '邮件', '电子邮箱']),
  text('phone', 'Phone', '电话', ['Telephone', 'Tel', 'Mobile', 'Cell', 'Phone number', '手机', '手机号', '联系电话', '电话号码']),
  long('needs', 'Needs', '需求', ['Needs (one per line)', '需求（每行一条）']),
  ...PROFILE_FIELDS,
  { key: 'isPlaceholder', type: 'bool', en: 'Seat only', zh: '仅知职位', aliases: ['Placeholder', '占位'] },
  { key: 'leftOn', type: 'date', en: 'Left on', zh: '离职日期', aliases: ['Left', 'Left date', '离职'] },
  text('successorOf', 'Successor of', '接替', ['Replaces', 'Took over from', '接替谁']),
  { key: 'successorOfId', type: 'id', en: 'Successor of ID', zh: '接替ID', aliases: ['Replaces ID'], width: 14 },
  { key: 'confirmedAt.attitude', type: 'date', en: 'Attitude confirmed', zh: '态度确认日期', aliases: [] },
  { key: 'confirmedAt.influence', type: 'date', en: 'Influence confirmed', zh: '影响力确认日期', aliases: [] },
  { key: 'confirmedAt.stars', type: 'date', en: 'Stars confirmed', zh: '星级确认日期', aliases: [] },
  long('notes', 'Notes', '备注', ['Comments', 'Remarks', 'Note', '说明', '其他']),
];

const LINE_FIELDS: readonly FieldDef[] = [
  id(),
  text('from', 'From', '从', ['From contact', 'Source', '起点', '来自']),
  { key: 'fromId', type: 'id', en: 'From ID', zh: '从ID', aliases: ['Source ID', '起点ID'], width: 14 },
  text('to', 'To', '到', ['To contact', 'Target', '终点', '指向']),
  { key: 'toId', type: 'id', en: 'To ID', zh: '到ID', aliases: ['Target ID', '终点ID'], width: 14 },
  text('label', 'Label', '关系', ['Relationship', 'Kind', 'Type', '标签', '说明']),
];

const DEAL_REF: readonly FieldDef[] = [
  text('deal', 'Deal', '商机', ['Deal name', 'Opportunity', '商机名称']),
  { key: 'dealId', type: 'id', en: 'Deal ID', zh: '商机ID', aliases: ['商机编号', 'Opportunity ID'], width: 14 },
];

/** Which part of the customer's group a record is with: by name, and by ID. Blank = the group itself. */
const DIVISION_REF: readonly FieldDef[] = [
  text('division', 'Division', '分支机构', ['Part of group', 'Subsidiary', 'Division name', '事业部', '子公司', '组织']),
  { key: 'divisionId', type: 'id', en: 'Division ID', zh: '分支机构ID', aliases: ['Subsidiary ID', '事业部ID'], width: 14 },
];

/** One of our product lines (the settings' list): by name, and by ID. */
const PRODUCT_LINE_REF: readonly FieldDef[] = [
  text('productLine', 'Product line', '产品线', ['Product', 'Product line name', '产品', '产品线名称'], 100),
  { key: 'productLineId', type: 'id', en: 'Product line ID', zh: '产品线ID', aliases: ['Product ID', '产品ID'], width: 14 },
];

const DEAL_FIELDS: readonly FieldDef[] = [
  id(),
  { ...text('name', 'Deal', '商机', ['Name', 'Deal name', 'Opportunity', '名称', '商机名称']), required: true, width: 24 },
  { key: 'value', type: 'money', en: 'Value', zh: '金额', aliases: ['Amount', 'Deal value', '价值', '商机金额'], min: 0, maxValue: 1e13, blank: 0 },
  { key: 'currency', type: 'text', en: 'Currency', zh: '币种', aliases: ['货币'], width: 8, blank: 'CNY' },
  enumCol('stage', 'Stage', '阶段', 'stage', ['Sales stage', '销售阶段'], 'discover'),
  { key: 'probability', type: 'percent', en: 'Probability', zh: '赢单概率', aliases: ['Win probability', 'Chance', '概率', '赢率'], min: 0, maxValue: 100 },
  { key: 'expectedCloseDate', type: 'date', en: 'Expected close', zh: '预计成交', aliases: ['Close date', 'Expected close date', '预计成交日期', '成交日期'] },
  text('owner', 'Owner', '负责人', ['Sales rep', 'Rep', '销售']),
  enumCol('saleType', 'Sale type', '销售类型', 'saleType', ['Type', '类型']),
  long('buyingCentre', 'Buying centre', '采购中心', ['Buying center', 'Roles', '角色']),
  long('nineKnows', 'Known (nine things)', '九明', ['Nine knows', 'Nine things to know', '找对人九明']),
  long('spin.situation', 'Situation questions', '背景问题', ['Situation', 'SPIN situation', 'S']),
  long('spin.problem', 'Problem questions', '难点问题', ['Problem', 'SPIN problem', 'P']),
  long('spin.implication', 'Implication questions', '暗示问题', ['Implication', 'SPIN implication', 'I']),
  long('spin.needPayoff', 'Need-payoff questions', '需求效益问题', ['Need-payoff', 'Need payoff', 'SPIN need-payoff', 'N']),
  long('meetings', 'Meetings', '会谈记录', ['Meeting log', '会谈']),
  long('winStrategy', 'Win strategy', '赢单策略', ['Strategy', '策略']),
  long('notes', 'Notes', '备注', ['Comments', 'Remarks', '说明']),
  { key: 'closedAt', type: 'date', en: 'Closed on', zh: '关闭日期', aliases: ['Closed', 'Close', '结束日期'] },
  ...DIVISION_REF,
  ...PRODUCT_LINE_REF,
];

const CRITERION_FIELDS: readonly FieldDef[] = [
  id(),
  ...DEAL_REF,
  { ...text('name', 'Criterion', '准则', ['Name', 'Decision criterion', '名称', '决策准则']), required: true, width: 24 },
  { key: 'rank', type: 'number', en: 'Rank', zh: '排序', aliases: ['Order', '排名', '顺序'], min: 1, maxValue: 999, integer: true, blank: 1 },
  { key: 'importance', type: 'number', en: 'Importance', zh: '重要性', aliases: ['Weight', '权重', '重要程度'], min: 1, maxValue: 5, integer: true, blank: 3 },
  { key: 'ourFit', type: 'number', en: 'Our fit', zh: '我方符合度', aliases: ['Us', 'Our score', '我方', '我方得分'], min: 1, maxValue: 5, integer: true, blank: 3 },
  { key: 'competitorFit', type: 'number', en: 'Competitor fit', zh: '对手符合度', aliases: ['Competitor', 'Competitor score', '对手', '对手得分'], min: 1, maxValue: 5, integer: true, blank: 3 },
  enumCol('move', 'Our move', '策略', 'move', ['Move', '我方策略']),
  long('notes', 'Notes', '备注', ['Comments', 'Remarks', '说明']),
];

const COMPETITOR_FIELDS: readonly FieldDef[] = [
  id(),
  ...DEAL_REF,
  { ...text('name', 'Competitor', '竞争对手', ['Name', '名称', '对手']), required: true, width: 20 },
  enumCol('threat', 'Threat', '威胁程度', 'threat', ['Threat level', '威胁'], 'medium'),
  long('offer', 'What they offer', '对方方案', ['Offer', 'Offering', '报价', '方案']),
  long('strengths', 'Strengths', '优势', ['Strength', '长处']),
  long('weaknesses', 'Weaknesses', '劣势', ['Weakness', '短处']),
];

const ACTION_FIELDS: readonly FieldDef[] = [
  id(),
  ...DEAL_REF,
  { ...text('what', 'What', '做什么', ['Action', 'Task', 'Next step', '行动', '事项', '任务'], 1000), required: true, width: 30 },
  text('who', 'Who', '谁', ['Owner', 'Responsible', '负责人', '执行人']),
  text('where', 'Where', '在哪里', ['Place', 'Location', '地点']),
  { key: 'when', type: 'date', en: 'When (due)', zh: '何时', aliases: ['When', 'Due', 'Due date', '截止日期', '时间', '日期'] },
  long('why', 'Why', '为什么', ['Purpose', 'Reason', '目的', '原因']),
  long('how', 'How', '怎么做', ['Method', '方法', '方式']),
  text('howMuch', 'How much', '多少钱', ['Cost', 'Budget', '费用', '成本', '预算']),
  { key: 'done', type: 'bool', en: 'Done', zh: '已完成', aliases: ['Completed', 'Status', '完成', '是否完成'] },
  { key: 'doneAt', type: 'date', en: 'Done on', zh: '完成日期', aliases: ['Completed on', 'Completion date'] },
  long('contacts', 'Contacts', '相关联系人', ['People', 'Related contacts', '联系人']),
];

const ACTIVITY_FIELDS: readonly FieldDef[] = [
  id(),
  { key: 'date', type: 'date', en: 'Date', zh: '日期', aliases: ['When', 'Day', '时间', '联络日期'], required: true },
  enumCol('channel', 'Channel', '联络方式', 'channel', ['Type', 'Kind', 'How', '方式', '渠道', '联系方式', '类型'], 'visit'),
  long('contacts', 'Contacts', '相关联系人', ['People', 'Contacts involved', 'Who', '联系人', '参与人']),
  ...DEAL_REF,
  enumCol('outcome', 'Outcome', '结果', 'outcome', ['Result', '会谈结果']),
  text('summary', 'Summary', '摘要', ['Subject', 'Title', 'What', '主题', '内容', '事由'], 1000),
  long('notes', 'Notes', '备注', ['Comments', 'Remarks', '说明']),
  { key: 'hospitality', type: 'bool', en: 'Hospitality or gift', zh: '含招待或礼品', aliases: ['Hospitality', 'Meal or gift', '招待', '宴请', '含招待'] },
];

const DIVISION_FIELDS: readonly FieldDef[] = [
  id(),
  { ...text('name', 'Division', '分支机构', ['Name', 'Division name', 'Subsidiary', '名称', '事业部', '子公司']), required: true, width: 24 },
  enumCol('kind', 'Kind', '类型', 'divisionKind', ['Type', 'Division kind', '分支机构类型'], 'division'),
  text('parent', 'Part of', '隶属', ['Parent', 'Parent division', 'Belongs to', '上级', '上级单位', '所属']),
  { key: 'parentId', type: 'id', en: 'Part of ID', zh: '隶属ID', aliases: ['Parent ID', '上级ID', '上级单位ID'], width: 14 },
  text('region', 'Region', '区域', ['Area', 'Territory', '地区']),
  long('notes', 'Notes', '备注', ['Comments', 'Remarks', '说明']),
];

const ORDER_FIELDS: readonly FieldDef[] = [
  id(),
  { key: 'date', type: 'date', en: 'Date', zh: '日期', aliases: ['Order date', 'When', '下单日期', '订单日期'], required: true },
  { ...money('amount', 'Amount', '金额', ['Value', 'Order value', 'Sum', '订单金额', '金额（元）']), required: true },
  ...DIVISION_REF,
  ...PRODUCT_LINE_REF,
  text('notes', 'Notes', '备注', ['Comments', 'Remarks', '说明'], 500),
];

const WHITESPACE_FIELDS: readonly FieldDef[] = [
  id(),
  ...DIVISION_REF,
  { ...PRODUCT_LINE_REF[0]!, required: true },
  PRODUCT_LINE_REF[1]!,
  text('competitor', 'Held by', '被谁占据', ['Competitor', 'Held by competitor', '竞争对手', '对手']),
  text('notes', 'Notes', '备注', ['Comments', 'Remarks', '说明'], 1000),
];

const SIGN_FIELDS: readonly FieldDef[] = [
  { ...enumCol('sign', 'Warning sign', '征兆', 'warningSign', ['Sign', 'Signal', '信号', '流失征兆']), required: true, width: 40 },
  { key: 'present', type: 'bool', en: 'Seen', zh: '已出现', aliases: ['Present', 'Ticked', 'Yes/No', '是否出现', '出现'] },
  { key: 'since', type: 'date', en: 'Since', zh: '出现日期', aliases: ['Since when', 'Date', '开始日期', '自何时'] },
  long('notes', 'Notes', '备注', ['Comments', 'Remarks', '说明']),
];

const FLAG_FIELDS: readonly FieldDef[] = [
  { ...enumCol('severity', 'Severity', '严重程度', 'severity', ['Level', '级别']), computed: true, width: 10 },
  { key: 'flag', type: 'longText', en: 'Red flag', zh: '风险', aliases: ['Flag', 'Warning', '警示'], computed: true, width: 60 },
  { key: 'contacts', type: 'longText', en: 'Contacts', zh: '相关联系人', aliases: ['People', '联系人'], computed: true, width: 30 },
];

/** The columns of each sheet kind, without the portfolio's account columns. */
export const SHEET_FIELDS: Readonly<Record<SheetKind, readonly FieldDef[]>> = {
  account: ACCOUNT_FIELDS,
  accounts: [...ACCOUNT_FIELDS, ...PORTFOLIO_COMPUTED],
  contacts: CONTACT_FIELDS_DEF,
  lines: LINE_FIELDS,
  deals: DEAL_FIELDS,
  criteria: CRITERION_FIELDS,
  competitors: COMPETITOR_FIELDS,
  actions: ACTION_FIELDS,
  activities: ACTIVITY_FIELDS,
  divisions: DIVISION_FIELDS,
  orders: ORDER_FIELDS,
  whitespace: WHITESPACE_FIELDS,
  signs: SIGN_FIELDS,
  flags: FLAG_FIELDS,
};

/** The fields of a sheet, with the account name and ID columns first when `portfolio`. */
export function sheetFields(kind: SheetKind, portfolio = false): readonly FieldDef[] {
  const own = SHEET_FIELDS[kind];
  return portfolio && kind !== 'accounts' && kind !== 'account' ? [...ACCOUNT_REF_FIELDS, ...own] : own;
}

const DEFAULT_WIDTH: Record<ColumnType, number> = {
  text: 18,
  longText: 40,
  number: 10,
  money: 14,
  percent: 10,
  date: 12,
  enum: 14,
  bool: 8,
  stars: 8,
  id: 14,
};

/** The header of a field in the UI language. */
export function fieldHeader(field: FieldDef, locale: Locale): string {
  return locale === 'zh-CN' ? field.zh : field.en;
}

/** A field as a localized column spec for the writer. */
export function columnSpec(field: FieldDef, locale: Locale): ColumnSpec {
  const spec: ColumnSpec = {
    key: field.key,
    header: fieldHeader(field, locale),
    type: field.type,
    width: field.width ?? DEFAULT_WIDTH[field.type],
  };
  if (field.enum) spec.options = enumOptions(field.enum, locale);
  if (field.type === 'bool') {
    const yn = locale === 'zh-CN' ? YES_NO.zh : YES_NO.en;
    spec.options = [yn.yes, yn.no];
  }
  if (field.required) spec.required = true;
  return spec;
}

/** The localized column specs of a sheet. */
export function sheetColumns(kind: SheetKind, locale: Locale, portfolio = false): ColumnSpec[] {
  return sheetFields(kind, portfolio).map((f) => columnSpec(f, locale));
}

/** Every spelling a field's header is known by, normalized. */
export function fieldAliases(field: FieldDef): string[] {
  return [...new Set([field.key, field.en, field.zh, ...(field.aliases ?? [])].map(normalizeKey).filter((k) => k !== ''))];
}

/** A header row matched against a sheet's fields. */
export interface HeaderMatch {
  /** Column index of each field found. */
  index: Map<string, number>;
  /** Field keys whose header appeared more than once, with the later column's header text. */
  duplicates: { key: string; header: string; column: number }[];
}

/**
 * Finds the sheet's fields in a header row by header text or alias, in either language and in
 * any order. Unknown headers are ignored. A field whose header appears twice keeps the first.
 */
export function matchHeader(fields: readonly FieldDef[], header: readonly CellValue[]): HeaderMatch {
  const lookup = new Map<string, string>();
  // Own headers before aliases, so "Deal" in the criteria sheet is the deal, not an alias elsewhere.
  for (const f of fields) for (const k of [normalizeKey(f.en), normalizeKey(f.zh), normalizeKey(f.key)]) if (k && !lookup.has(k)) lookup.set(k, f.key);
  for (const f of fields) for (const k of fieldAliases(f)) if (!lookup.has(k)) lookup.set(k, f.key);
  const index = new Map<string, number>();
  const duplicates: HeaderMatch['duplicates'] = [];
  header.forEach((cell, column) => {
    if (cell === null || cell === '') return;
    const key = lookup.get(normalizeKey(String(cell)));
    if (key === undefined) return;
    if (index.has(key)) duplicates.push({ key, header: String(cell), column });
    else index.set(key, column);
  });
  return { index, duplicates };
}
