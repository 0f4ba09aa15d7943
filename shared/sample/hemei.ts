import type { AccountInput } from '../model/account';
import type { Locale, ProductLine } from '../model/database';
import type { CommandContext } from '../accounts';

type Text = { 'zh-CN': string; en: string };

const SEATS = [
  { key: 'gm', name: '黄炳亮', title: { 'zh-CN': '总经理', en: 'General manager' }, dept: { 'zh-CN': '总经理办公室', en: "General manager's office" }, role: 'decider', level: 'decision', boss: null, attitude: 'neutral', influence: 'high', stars: 2, coach: false },
  { key: 'tech', name: '吕文斌', title: { 'zh-CN': '技术部经理', en: 'Technical manager' }, dept: { 'zh-CN': '技术部', en: 'Technical dept.' }, role: 'authority', level: 'management', boss: 'gm', attitude: 'supporter', influence: 'high', stars: 3, coach: false },
  { key: 'qa', name: '杨部长', title: { 'zh-CN': '质检部部长', en: 'Head of quality' }, dept: { 'zh-CN': '质检部', en: 'Quality dept.' }, role: 'influencer', level: 'management', boss: 'gm', attitude: 'neutral', influence: 'medium', stars: 1, coach: false },
  { key: 'buy', name: '阚方玉', title: { 'zh-CN': '采购部经理', en: 'Purchasing manager' }, dept: { 'zh-CN': '采购部', en: 'Purchasing dept.' }, role: 'executor', level: 'management', boss: 'gm', attitude: 'supporter', influence: 'medium', stars: 4, coach: true },
  { key: 'plant', name: '黄厂长', title: { 'zh-CN': '厂长', en: 'Plant manager' }, dept: { 'zh-CN': '生产部', en: 'Production dept.' }, role: 'user', level: 'management', boss: 'gm', attitude: 'supporter', influence: 'medium', stars: 2, coach: false },
  { key: 'fin', name: '刘部长', title: { 'zh-CN': '财务部部长', en: 'Head of finance' }, dept: { 'zh-CN': '财务部', en: 'Finance dept.' }, role: 'payer', level: 'management', boss: 'gm', attitude: 'unknown', influence: 'high', stars: 0, coach: false },
] as const;

const t = (text: Text, locale: Locale) => text[locale];

/** Our product lines in the sample: the columns of its whitespace map. */
const PRODUCT_LINES = {
  premix: { 'zh-CN': '预混料', en: 'Premix' },
  additives: { 'zh-CN': '饲料添加剂', en: 'Feed additives' },
  automation: { 'zh-CN': '自动化设备', en: 'Automation equipment' },
  service: { 'zh-CN': '技术服务', en: 'Technical service' },
} as const satisfies Record<string, Text>;
type LineKey = keyof typeof PRODUCT_LINES;

/**
 * The product lines after loading the sample: the user's own, plus those of the sample they do
 * not have yet (matched by name, in either language), so that loading it twice adds nothing.
 */
export function sampleProductLines(ctx: CommandContext, locale: Locale, existing: readonly ProductLine[]): ProductLine[] {
  const has = (text: Text) => existing.some((l) => l.name === text.en || l.name === text['zh-CN']);
  const added = Object.values(PRODUCT_LINES)
    .filter((text) => !has(text))
    .map((text) => ({ id: ctx.newId(), name: t(text, locale) }));
  return [...existing, ...added];
}

/** The calendar date `monthsBack` months before `today`, on day `day` (never after today). */
function monthDate(today: string, monthsBack: number, day: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) - monthsBack;
  const date = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-${String(monthsBack === 0 ? Math.min(day, d) : day).padStart(2, '0')}`;
  return date;
}

/**
 * The built-in sample account: the buying centre of 六和集团 和美饲料公司 from the method's
 * own example, with one deal, one influence line, one action, a few logged contacts, two years of
 * orders, its plants as divisions and one whitespace cell held by a competitor.
 */
export function buildSampleAccount(ctx: CommandContext, locale: Locale, productLines: readonly ProductLine[] = []): AccountInput {
  const { now } = ctx;
  const today = now.slice(0, 10);
  const ids = new Map<string, string>(SEATS.map((s) => [s.key, ctx.newId()]));
  const idOf = (key: string) => ids.get(key) as string;
  const base = () => ({ id: ctx.newId(), createdAt: now, updatedAt: now });
  const dealId = ctx.newId();
  const zh = locale === 'zh-CN';
  const lineId = (key: LineKey): string | null => {
    const text = PRODUCT_LINES[key];
    return productLines.find((l) => l.name === text.en || l.name === text['zh-CN'])?.id ?? null;
  };
  const qingdao = ctx.newId();
  const weifang = ctx.newId();
  const premixShop = ctx.newId();
  // Two years of monthly orders: premix from the Qingdao plant's premix shop, additives from
  // Weifang; this year a little below last year.
  const orders = Array.from({ length: 24 }, (_, i) => 23 - i).flatMap((back) => {
    const thisYear = back < 12;
    const premix = (thisYear ? 260_000 : 280_000) + ((back * 37_000) % 60_000);
    const additives = back % 3 === 0 ? 0 : (thisYear ? 90_000 : 95_000) + ((back * 11_000) % 20_000);
    return [
      { ...base(), date: monthDate(today, back, 8), amount: premix, divisionId: premixShop, productLineId: lineId('premix') },
      ...(additives > 0 ? [{ ...base(), date: monthDate(today, back, 20), amount: additives, divisionId: weifang, productLineId: lineId('additives') }] : []),
    ];
  });
  const automation = lineId('automation');

  return {
    ...base(),
    name: zh ? '六和集团 和美饲料公司' : 'Liuhe Group · Hemei Feed Co. (和美饲料)',
    grade: 'A2',
    relationshipType: 'supplier',
    profile: {
      industry: zh ? '饲料' : 'Animal feed',
      region: zh ? '山东' : 'Shandong',
      owner: zh ? '我' : 'Me',
      description: zh ? '方法教材中的采购中心示例。' : "The buying-centre example from the method's own material.",
      ownershipType: zh ? '集团子公司（六和集团）' : 'Group subsidiary (Liuhe Group)',
      mainProducts: zh ? '猪饲料、禽饲料、预混料' : 'Pig feed, poultry feed, premix',
      marketPosition: zh ? '山东前五的饲料企业' : 'A top-five feed maker in Shandong',
      revenue: 1_800_000_000,
      employees: 1200,
      customerSince: monthDate(today, 72, 1),
      paymentTerms: zh ? '月结 60 天' : '60 days after month end',
      satisfaction: 4,
      openComplaints: 1,
    },
    valueFactors: {
      annualPurchases: 4_200_000,
      annualDiscounts: 150_000,
      costToServe: 90_000,
      annualNetProfit: 520_000,
      historicalContribution: 2_600_000,
      yearsOfCooperation: 6,
      budgetedTotalProfit: 600_000,
      backgroundStrength: 4,
      potential: 5,
      influenceReferral: 4,
    },
    giftPolicy: { rule: 'restricted', notes: zh ? '只接受小额、得体的礼品。' : 'Small, proper gifts only.' },
    contacts: SEATS.map((s) => ({
      id: idOf(s.key),
      createdAt: now,
      updatedAt: now,
      name: s.name,
      title: t(s.title, locale),
      department: t(s.dept, locale),
      role: s.role,
      level: s.level,
      reportsToId: s.boss === null ? null : idOf(s.boss),
      attitude: s.attitude,
      influence: s.influence,
      stars: s.stars,
      isCoach: s.coach,
      confirmedAt: { attitude: now, influence: now, stars: now },
    })),
    influenceLines: [
      { ...base(), fromId: idOf('buy'), toId: idOf('tech'), label: zh ? '信任' : 'trusts' },
    ],
    deals: [
      {
        id: dealId,
        createdAt: now,
        updatedAt: now,
        name: zh ? '预混料生产线自动化改造' : 'Premix line automation',
        value: 1_200_000,
        currency: 'CNY',
        stage: 'investigate',
        saleType: 'valueAdded',
        owner: zh ? '我' : 'Me',
        buyingCentre: SEATS.map((s) => ({ contactId: idOf(s.key), role: s.role })),
        criteria: [
          { ...base(), name: zh ? '配料精度' : 'Dosing accuracy', rank: 1, importance: 5, ourFit: 4, competitorFit: 3 },
          { ...base(), name: zh ? '价格' : 'Price', rank: 2, importance: 4, ourFit: 2, competitorFit: 4 },
        ],
        competitors: [
          { ...base(), name: zh ? '竞争对手甲' : 'Competitor A', offer: zh ? '低价整线方案' : 'Low-price turnkey line', threat: 'high' },
        ],
        winStrategy: zh ? '通过技术部证明精度优势，发展采购部阚方玉为教练。' : 'Prove the accuracy advantage through the technical dept.; develop 阚方玉 in purchasing as our coach.',
        divisionId: qingdao,
        productLineId: automation,
      },
    ],
    actions: [
      {
        ...base(),
        what: zh ? '安排总经理黄炳亮的高层拜访' : 'Arrange a top-level visit with 黄炳亮 (GM)',
        who: zh ? '我' : 'Me',
        when: today,
        why: zh ? '决策者关系只有两星' : 'Our relationship with the decision maker is only two stars',
        dealId,
        contactIds: [idOf('gm')],
      },
    ],
    activities: [
      {
        ...base(),
        date: today,
        channel: 'visit',
        contactIds: [idOf('tech'), idOf('buy')],
        dealId,
        outcome: 'advance',
        summary: zh ? '技术交流，约定下月试用' : 'Technical meeting; trial agreed for next month',
      },
      {
        ...base(),
        date: monthDate(today, 1, 15),
        channel: 'phone',
        contactIds: [idOf('fin')],
        summary: zh ? '与刘部长确认付款流程' : 'Confirmed the payment process with 刘部长',
      },
      {
        ...base(),
        date: monthDate(today, 2, 6),
        channel: 'email',
        contactIds: [idOf('buy')],
        summary: zh ? '寄送预混料检测报告' : 'Sent the premix test reports',
      },
    ],
    divisions: [
      { ...base(), id: qingdao, name: zh ? '青岛工厂' : 'Qingdao plant', kind: 'subsidiary', region: zh ? '青岛' : 'Qingdao' },
      { ...base(), id: premixShop, name: zh ? '预混料车间' : 'Premix shop', parentId: qingdao },
      { ...base(), id: weifang, name: zh ? '潍坊工厂' : 'Weifang plant', kind: 'subsidiary', region: zh ? '潍坊' : 'Weifang' },
    ],
    orders,
    whitespaceMarks: automation
      ? [{ ...base(), divisionId: weifang, productLineId: automation, competitor: zh ? '竞争对手甲' : 'Competitor A' }]
      : [],
  };
}
