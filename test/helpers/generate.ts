import type { z } from 'zod';
import { accountProfileSchema, warningSignsSchema, type Account } from '@shared/model/account';
import type { Contact, InfluenceLine } from '@shared/model/contact';
import { databaseSchema, type Database } from '@shared/model/database';
import type { Action, Activity, Deal } from '@shared/model/deal';
import {
  ACTIVITY_CHANNELS,
  ATTITUDES,
  BUYER_ROLES,
  CRITERION_MOVES,
  DEAL_STAGES,
  GIFT_POLICIES,
  GRADES,
  MEETING_OUTCOMES,
  NINE_KNOWS,
  RELATIONSHIP_TYPES,
  SALE_TYPES,
  THREAT_LEVELS,
  VALUE_FACTORS,
  type Attitude,
  type BuyerRole,
  type ContactLevel,
  type DealStage,
} from '@shared/model/vocabulary';
import { mulberry32 } from './random';

/**
 * Seeded portfolios of realistic size and content for benchmarks and load tests: Chinese and
 * English names, titles and departments, an org chart per account, buyer roles, attitudes, stars,
 * influence lines, deals with criteria, competitors and meetings, 5W2H actions and an activity log.
 * The same size and seed always give the same bytes.
 */

/** The named portfolio sizes. */
export type PortfolioSize = 'S' | 'M' | 'L';

/** How many of each record a portfolio holds, in total over all accounts. */
export interface PortfolioShape {
  accounts: number;
  contacts: number;
  deals: number;
  activities: number;
}

/**
 * S = 1 account, 60 contacts; M = 50 accounts, 2,500 contacts, 500 deals; L = 200 accounts,
 * 20,000 contacts, 4,000 deals, 20,000 activities. Counts the issue leaves open follow the same
 * proportions (one deal per five contacts, one activity per contact).
 */
export const PORTFOLIO_SIZES: Readonly<Record<PortfolioSize, PortfolioShape>> = {
  S: { accounts: 1, contacts: 60, deals: 12, activities: 60 },
  M: { accounts: 50, contacts: 2_500, deals: 500, activities: 2_500 },
  L: { accounts: 200, contacts: 20_000, deals: 4_000, activities: 20_000 },
};

/** The instant the portfolio is "generated at": every date in it lies within two years before it. */
export const GENERATED_AT = '2025-06-30T09:00:00.000Z';
const NOW_MS = Date.parse(GENERATED_AT);
const DAY_MS = 86_400_000;

/** The picks the generator needs, over the tests' seeded PRNG ({@link mulberry32}). */
class Random {
  constructor(readonly next: () => number) {}

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** `items[i]` with probability proportional to `weights[i]`. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    const total = weights.reduce((s, w) => s + w, 0);
    let r = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return items[i] as T;
    }
    return items[items.length - 1] as T;
  }

  /** `n` distinct items (fewer when there are fewer). */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = [...items];
    const out: T[] = [];
    while (out.length < n && copy.length > 0) out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0] as T);
    return out;
  }

  /** A v4-shaped UUID, as the app issues with `crypto.randomUUID()`, but from the seed. */
  uuid(): string {
    const hex = (n: number) => Array.from({ length: n }, () => Math.floor(this.next() * 16).toString(16)).join('');
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${this.pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
  }

  /** An instant between `maxDaysAgo` and `minDaysAgo` days before {@link GENERATED_AT}. */
  instant(minDaysAgo: number, maxDaysAgo: number): string {
    return new Date(NOW_MS - (minDaysAgo + this.next() * (maxDaysAgo - minDaysAgo)) * DAY_MS).toISOString();
  }

  /** A `YYYY-MM-DD` date `daysFromNow` (negative = past) ± the spread. */
  date(fromDays: number, toDays: number): string {
    return new Date(NOW_MS + this.int(fromDays, toDays) * DAY_MS).toISOString().slice(0, 10);
  }
}

// ---- vocabularies ----------------------------------------------------------------------------

const ZH_SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const ZH_GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉斌宇浩凯健俊帆帅旭宁龙林欣佳怡晨阳雪梅琳晶颖倩婷慧巧美丹蕾薇建国志强海波春晓立新文博思远嘉宏德胜永福'.split('');
const EN_FIRST = [
  'James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'William', 'Elizabeth', 'David', 'Barbara',
  'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Daniel', 'Nancy', 'Matthew', 'Lisa',
  'Anthony', 'Margaret', 'Mark', 'Sandra', 'Steven', 'Emily', 'Paul', 'Michelle', 'Andrew', 'Laura', 'Kevin', 'Hannah',
  'Brian', 'Olivia', 'George', 'Sophie', 'Lukas', 'Anna', 'Pierre', 'Claire', 'Marco', 'Giulia', 'Henrik', 'Ingrid',
];
const EN_LAST = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore',
  'Martin', 'Jackson', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Walker', 'Hall', 'Young', 'King', 'Wright',
  'Scott', 'Green', 'Baker', 'Adams', 'Nelson', 'Carter', 'Mitchell', 'Roberts', 'Turner', 'Phillips', 'Campbell',
  'Parker', 'Evans', 'Edwards', 'Collins', 'Müller', 'Schmidt', 'Dubois', 'Rossi', 'Jensen', 'O’Brien', 'van Dijk',
];

const ZH_CITIES = ['华东', '华南', '江苏', '浙江', '广东', '山东', '四川', '湖南', '河北', '福建', '安徽', '河南', '辽宁', '重庆', '天津', '上海', '北京', '成都', '武汉', '西安'];
const ZH_BRANDS = ['和美', '新希望', '恒信', '金海', '长城', '华泰', '同力', '盛大', '中粮', '正邦', '海大', '天邦', '永辉', '东方', '鼎盛', '宏达', '富源', '瑞丰', '嘉禾', '立华'];
const ZH_TRADES = ['饲料', '食品', '农牧', '生物科技', '化工', '医药', '机械', '电子', '物流', '水产', '乳业', '包装'];
const ZH_FORMS = ['集团', '有限公司', '股份有限公司', '集团有限公司', '实业有限公司'];
const EN_BRANDS = ['Northwind', 'Blue Ridge', 'Harbor', 'Summit', 'Evergreen', 'Redwood', 'Silverline', 'Oakmont', 'Riverside', 'Pinecrest', 'Goldfield', 'Westbrook'];
const EN_TRADES = ['Foods', 'Feed', 'Agri', 'Nutrition', 'Chemicals', 'Pharma', 'Machinery', 'Logistics', 'Dairy', 'Packaging'];
const EN_FORMS = ['Ltd', 'Inc.', 'GmbH', 'Group', 'Holdings', 'Co., Ltd.'];

interface Seat {
  zh: string;
  en: string;
  dept: number;
}
const DEPARTMENTS: readonly { zh: string; en: string }[] = [
  { zh: '总经办', en: 'Executive Office' },
  { zh: '采购部', en: 'Procurement' },
  { zh: '技术部', en: 'Technology' },
  { zh: '财务部', en: 'Finance' },
  { zh: '生产部', en: 'Production' },
  { zh: '质量部', en: 'Quality' },
  { zh: '研发中心', en: 'R&D' },
  { zh: '营养部', en: 'Nutrition' },
  { zh: '仓储物流部', en: 'Warehouse & Logistics' },
];
const TOP_SEATS: readonly Seat[] = [
  { zh: '董事长', en: 'Chairman', dept: 0 },
  { zh: '总经理', en: 'General Manager', dept: 0 },
];
const MANAGER_SEATS: readonly Seat[] = [
  { zh: '副总经理', en: 'Deputy General Manager', dept: 0 },
  { zh: '采购总监', en: 'Head of Procurement', dept: 1 },
  { zh: '技术总监', en: 'Technical Director', dept: 2 },
  { zh: '财务总监', en: 'CFO', dept: 3 },
  { zh: '生产总监', en: 'Production Director', dept: 4 },
  { zh: '质量经理', en: 'Quality Manager', dept: 5 },
  { zh: '研发经理', en: 'R&D Manager', dept: 6 },
  { zh: '营养师主管', en: 'Chief Nutritionist', dept: 7 },
  { zh: '物流经理', en: 'Logistics Manager', dept: 8 },
];
const STAFF_SEATS: readonly Seat[] = [
  { zh: '采购经理', en: 'Purchasing Manager', dept: 1 },
  { zh: '采购专员', en: 'Buyer', dept: 1 },
  { zh: '工艺工程师', en: 'Process Engineer', dept: 2 },
  { zh: '设备工程师', en: 'Equipment Engineer', dept: 2 },
  { zh: '会计', en: 'Accountant', dept: 3 },
  { zh: '出纳', en: 'Cashier', dept: 3 },
  { zh: '车间主任', en: 'Shop-floor Supervisor', dept: 4 },
  { zh: '班组长', en: 'Shift Lead', dept: 4 },
  { zh: '化验员', en: 'Lab Technician', dept: 5 },
  { zh: '品控专员', en: 'QC Specialist', dept: 5 },
  { zh: '配方师', en: 'Formulator', dept: 7 },
  { zh: '研究员', en: 'Researcher', dept: 6 },
  { zh: '仓库主管', en: 'Warehouse Supervisor', dept: 8 },
];

const HOMETOWNS = ['湖南长沙', '四川绵阳', '山东潍坊', '江苏无锡', '广东佛山', 'Manchester', 'Lyon', 'Hamburg', '河南郑州', '浙江温州'];
const SCHOOLS = ['中国农业大学', '华南农业大学', '浙江大学', '南京农业大学', '四川农业大学', 'Wageningen University', 'University of Leeds', '西北农林科技大学'];
const HOBBIES = ['钓鱼', '羽毛球', '高尔夫', '书法', '跑步', '摄影', '茶道', 'hiking', 'golf', 'chess', '象棋', '登山'];
const FOODS = ['湘菜', '川菜', '粤菜', '火锅', '海鲜', 'Italian', 'steak', '面食', '素食'];
const NEEDS_ORG = [
  '降低配方成本 5%',
  '稳定原料供应，减少断货',
  'Reduce feed conversion ratio',
  '通过新的环保审核',
  '缩短付款周期',
  'Consolidate suppliers to three',
  '提升产品一致性',
  '上线新的质量追溯系统',
];
const NEEDS_PERSONAL = ['年底升职', '在集团内部获得认可', 'Wants a low-risk choice', '希望少出差', '想做出业绩给新老板看', 'Wants to learn from our experts'];
const LINE_LABELS = ['信任', '老同学', '竞争关系', '同乡', 'trusts', 'rival', 'mentor', '前同事', '听他的', 'golf partner'];
const DEAL_PRODUCTS = ['预混料', '酶制剂', '益生菌', '氨基酸', '维生素', '检测设备', '配方软件', 'Premix', 'Enzymes', 'Probiotics', 'Lab equipment', 'Automation line'];
const DEAL_KINDS = ['年度采购', '试用项目', '扩产项目', '替换供应商', 'annual contract', 'pilot', 'expansion', 'tender'];
const CRITERIA = ['价格', '质量稳定性', '交货期', '技术服务', '付款条件', 'Price', 'Quality', 'Delivery', 'Technical support', 'References', '品牌', '售后响应'];
const COMPETITORS = ['帝斯曼', '巴斯夫', '安迪苏', '诺伟司', '本地小厂', 'DSM', 'BASF', 'Adisseo', 'Novus', 'Cargill', 'Evonik', 'ADM'];
const OWNERS = ['王磊', '李静', '陈晨', '张伟', 'Tom Baker', 'Anna Schmidt', '刘洋', '周敏'];
const SENTENCES = [
  '客户对上次的试用结果比较满意，但财务部门对价格仍有顾虑。',
  'Met the plant manager on site; he wants data from a comparable farm.',
  '需要在下个季度之前安排技术交流会，邀请研发中心参加。',
  'The tender is expected to open in Q3; procurement prefers three bidders.',
  '竞争对手最近降价 8%，客户采购部在压价。',
  'Our coach says the decision will be made by the general manager alone.',
  '建议安排高层拜访，巩固与总经理的关系。',
  'Follow up with samples and the lab report before the next meeting.',
  '客户新厂预计明年投产，届时需求会翻倍。',
  'Payment terms are a sticking point: they ask for 90 days.',
];

// ---- builders --------------------------------------------------------------------------------

interface Flavour {
  /** Share of contacts with Chinese names and titles in this account. */
  zhShare: number;
}

function personName(r: Random, zh: boolean): string {
  if (zh) return r.pick(ZH_SURNAMES) + r.pick(ZH_GIVEN) + (r.chance(0.6) ? r.pick(ZH_GIVEN) : '');
  return `${r.pick(EN_FIRST)} ${r.pick(EN_LAST)}`;
}

function accountName(r: Random, zh: boolean, n: number): string {
  // The running number keeps names unique across a portfolio of hundreds, as real ones are.
  if (zh) return `${r.pick(ZH_CITIES)}${r.pick(ZH_BRANDS)}${r.pick(ZH_TRADES)}${r.pick(ZH_FORMS)}（${n}）`;
  return `${r.pick(EN_BRANDS)} ${r.pick(EN_TRADES)} ${r.pick(EN_FORMS)} #${n}`;
}

function text(r: Random, min: number, max: number): string {
  return Array.from({ length: r.int(min, max) }, () => r.pick(SENTENCES)).join(' ');
}

function stamp(r: Random, minDaysAgo: number, maxDaysAgo: number): { id: string; createdAt: string; updatedAt: string } {
  const createdAt = r.instant(minDaysAgo, maxDaysAgo);
  const updatedAt = r.chance(0.5) ? createdAt : r.instant(0, (NOW_MS - Date.parse(createdAt)) / DAY_MS);
  return { id: r.uuid(), createdAt, updatedAt };
}

/** An org chart: one or two people at the top, managers under them, staff in random subtrees. */
function contacts(r: Random, count: number, flavour: Flavour): Contact[] {
  const out: Contact[] = [];
  const depth: number[] = [];
  for (let i = 0; i < count; i++) {
    const zh = r.chance(flavour.zhShare);
    let parent: number | null = null;
    let seat: Seat;
    if (i === 0) {
      seat = r.pick(TOP_SEATS);
    } else if (i < Math.min(10, Math.max(2, Math.ceil(count / 8)))) {
      parent = 0;
      seat = r.pick(MANAGER_SEATS);
    } else {
      // Random recursive tree under the managers: shallow and bushy, as real org charts are.
      parent = r.int(1, i - 1);
      if ((depth[parent] ?? 0) >= 5) parent = r.int(1, Math.min(i - 1, 9));
      seat = r.pick(STAFF_SEATS);
    }
    depth[i] = parent === null ? 0 : (depth[parent] ?? 0) + 1;
    const level: ContactLevel = depth[i] === 0 ? 'decision' : depth[i] === 1 ? 'management' : 'operational';
    const dept = DEPARTMENTS[seat.dept] ?? DEPARTMENTS[0]!;
    const role: BuyerRole | null =
      i === 0
        ? 'decider'
        : r.chance(0.35)
          ? null
          : seat.dept === 3
            ? 'payer'
            : seat.dept === 1
              ? r.pick<BuyerRole>(['executor', 'influencer'])
              : seat.dept === 2 || seat.dept === 5 || seat.dept === 6
                ? r.pick<BuyerRole>(['authority', 'influencer'])
                : r.pick(BUYER_ROLES);
    const attitude: Attitude = r.weighted(ATTITUDES, [3, 4, 1, 3]);
    const judged = r.chance(0.7) ? r.instant(1, 200) : null;
    const name = r.chance(0.02) ? '' : personName(r, zh);
    const s = stamp(r, 30, 700);
    out.push({
      ...s,
      name,
      title: zh ? seat.zh : seat.en,
      department: zh ? dept.zh : dept.en,
      level,
      reportsToId: parent === null ? null : (out[parent]?.id ?? null),
      role,
      isCoach: i > 0 && r.chance(0.04),
      attitude,
      influence: level === 'decision' ? 'high' : level === 'management' ? r.pick(['high', 'medium'] as const) : r.pick(['medium', 'low', 'low'] as const),
      stars: r.weighted([0, 1, 2, 3, 4, 5], [3, 3, 3, 2, 1, 1]),
      confirmedAt: { attitude: judged, influence: judged, stars: r.chance(0.5) ? judged : null },
      isPlaceholder: name === '',
      leftOn: r.chance(0.03) ? r.date(-300, -5) : null,
      successorOfId: null,
      needs: Array.from({ length: r.weighted([0, 1, 2, 3], [4, 3, 2, 1]) }, () => {
        const personal = r.chance(0.3);
        return {
          id: r.uuid(),
          kind: personal ? ('personal' as const) : ('organisational' as const),
          visibility: r.chance(0.6) ? ('explicit' as const) : ('implicit' as const),
          text: personal ? r.pick(NEEDS_PERSONAL) : r.pick(NEEDS_ORG),
        };
      }),
      profile: {
        age: r.chance(0.5) ? r.int(26, 62) : null,
        hometown: r.chance(0.4) ? r.pick(HOMETOWNS) : '',
        almaMater: r.chance(0.3) ? r.pick(SCHOOLS) : '',
        family: r.chance(0.2) ? (zh ? '已婚，一个孩子在读初中' : 'Married, two children') : '',
        familyBirthdays: '',
        hobbies: r.chance(0.4) ? r.sample(HOBBIES, r.int(1, 3)).join('、') : '',
        favouriteFood: r.chance(0.2) ? r.pick(FOODS) : '',
        books: '',
        lastHoliday: '',
        nextHoliday: '',
        careerGoals: r.chance(0.15) ? r.pick(NEEDS_PERSONAL) : '',
        workGoals: r.chance(0.15) ? r.pick(NEEDS_ORG) : '',
        colleagueRelations: '',
      },
      email: name === '' || r.chance(0.3) ? '' : `user${r.int(100, 99_999)}@example.com`,
      phone: name === '' || r.chance(0.3) ? '' : `1${r.int(30, 89)}${String(r.int(0, 99_999_999)).padStart(8, '0')}`,
      notes: r.chance(0.35) ? text(r, 1, 3) : '',
      position: r.chance(0.1) ? { x: r.int(-2000, 6000), y: r.int(0, 1500) } : null,
    });
  }
  // A few people left and someone took their seat.
  for (const c of out) {
    if (c.leftOn && r.chance(0.5)) {
      const successor = r.pick(out);
      if (successor !== c && successor.successorOfId === null) successor.successorOfId = c.id;
    }
  }
  return out;
}

function influenceLines(r: Random, people: readonly Contact[]): InfluenceLine[] {
  if (people.length < 2) return [];
  return Array.from({ length: Math.round(people.length / 8) }, () => {
    const [from, to] = r.sample(people, 2) as [Contact, Contact];
    return { ...stamp(r, 10, 500), fromId: from.id, toId: to.id, label: r.chance(0.8) ? r.pick(LINE_LABELS) : '' };
  });
}

function deal(r: Random, people: readonly Contact[], zh: boolean): Deal {
  const stage: DealStage = r.weighted(DEAL_STAGES, [3, 3, 2, 2, 2, 1]);
  const closed = stage === 'won' || stage === 'lost';
  const s = stamp(r, 20, 700);
  const product = r.pick(DEAL_PRODUCTS);
  return {
    ...s,
    name: zh ? `${r.int(2024, 2026)}年${product}${r.pick(DEAL_KINDS)}` : `${product} ${r.pick(DEAL_KINDS)} ${r.int(2024, 2026)}`,
    value: r.int(5, 2_000) * 10_000,
    currency: r.weighted(['CNY', 'USD', 'EUR'], [8, 2, 1]),
    stage,
    probability: r.chance(0.3) ? r.int(1, 19) * 5 : null,
    expectedCloseDate: r.chance(0.85) ? r.date(-90, 270) : null,
    owner: r.pick(OWNERS),
    saleType: r.chance(0.8) ? r.pick(SALE_TYPES) : null,
    buyingCentre: r.sample(people, r.int(0, Math.min(6, people.length))).map((c) => ({ contactId: c.id, role: c.role ?? r.pick(BUYER_ROLES) })),
    criteria: r.sample(CRITERIA, r.int(2, 5)).map((name, i) => ({
      ...stamp(r, 10, 300),
      name,
      rank: i + 1,
      importance: r.int(1, 5),
      ourFit: r.int(1, 5),
      competitorFit: r.int(1, 5),
      move: r.chance(0.3) ? r.pick(CRITERION_MOVES) : null,
      notes: r.chance(0.3) ? r.pick(SENTENCES) : '',
    })),
    competitors: r.sample(COMPETITORS, r.int(1, 3)).map((name) => ({
      ...stamp(r, 10, 300),
      name,
      offer: r.chance(0.5) ? r.pick(SENTENCES) : '',
      strengths: r.chance(0.5) ? r.pick(['价格低', '品牌强', 'Local service team', 'Long relationship with the GM']) : '',
      weaknesses: r.chance(0.5) ? r.pick(['交货慢', '技术服务弱', 'Quality complaints last year', 'No local lab']) : '',
      threat: r.pick(THREAT_LEVELS),
    })),
    spin: {
      situation: r.chance(0.5) ? r.pick(SENTENCES) : '',
      problem: r.chance(0.5) ? r.pick(SENTENCES) : '',
      implication: r.chance(0.3) ? r.pick(SENTENCES) : '',
      needPayoff: r.chance(0.3) ? r.pick(SENTENCES) : '',
    },
    nineKnows: Object.fromEntries(NINE_KNOWS.map((k) => [k, r.chance(0.45)])) as Deal['nineKnows'],
    meetings: Array.from({ length: r.int(0, 4) }, () => ({
      ...stamp(r, 5, 300),
      date: r.date(-300, -1),
      outcome: r.weighted(MEETING_OUTCOMES, [1, 4, 3, 1]),
      notes: r.chance(0.6) ? r.pick(SENTENCES) : '',
    })),
    winStrategy: r.chance(0.5) ? text(r, 1, 3) : '',
    notes: r.chance(0.4) ? text(r, 1, 2) : '',
    closedAt: closed ? r.instant(1, 200) : null,
    divisionId: null,
    productLineId: null,
  };
}

function action(r: Random, people: readonly Contact[], deals: readonly Deal[]): Action {
  const done = r.chance(0.4);
  const s = stamp(r, 1, 200);
  return {
    ...s,
    what: r.pick(['安排技术交流会', '送样品和检测报告', 'Send the revised quote', '邀请参观工厂', 'Call the coach before the tender', '拜访财务总监谈付款条件']),
    who: r.pick(OWNERS),
    where: r.pick(['客户工厂', '公司会议室', 'Online', '上海办事处', '']),
    when: r.chance(0.9) ? r.date(-60, 60) : null,
    why: r.chance(0.5) ? r.pick(SENTENCES) : '',
    how: r.chance(0.3) ? r.pick(SENTENCES) : '',
    howMuch: r.chance(0.3) ? `${r.int(1, 50) * 100} 元` : '',
    done,
    doneAt: done ? r.instant(0, 60) : null,
    dealId: deals.length > 0 && r.chance(0.7) ? r.pick(deals).id : null,
    contactIds: r.sample(people, r.int(0, 3)).map((c) => c.id),
  };
}

function activity(r: Random, people: readonly Contact[], deals: readonly Deal[]): Activity {
  return {
    ...stamp(r, 0, 700),
    date: r.date(-700, 0),
    channel: r.weighted(ACTIVITY_CHANNELS, [5, 6, 4, 2, 1, 1, 1, 1, 3, 1]),
    contactIds: r.sample(people, r.int(1, 3)).map((c) => c.id),
    dealId: deals.length > 0 && r.chance(0.5) ? r.pick(deals).id : null,
    outcome: r.chance(0.4) ? r.pick(MEETING_OUTCOMES) : null,
    summary: r.pick(['拜访采购总监', '电话跟进报价', 'Sent the lab report', '中秋节送礼', '技术交流会', 'Lunch with the plant manager', '参加客户年会', '邮件确认样品到货']),
    notes: r.chance(0.3) ? r.pick(SENTENCES) : '',
    // Not drawn from the seed, so that the portfolios (and the benchmark figures) stay as they were.
    hospitality: false,
  };
}

/** Splits `total` into `parts` uneven shares that add up exactly: a few big accounts, many small. */
function split(r: Random, total: number, parts: number, min: number): number[] {
  if (parts === 1) return [total];
  const weights = Array.from({ length: parts }, () => 0.25 + r.next() ** 2 * 3);
  const sum = weights.reduce((s, w) => s + w, 0);
  const spare = Math.max(0, total - min * parts);
  const shares = weights.map((w) => min + Math.floor((w / sum) * spare));
  let left = total - shares.reduce((s, n) => s + n, 0);
  for (let i = 0; left > 0; i = (i + 1) % parts, left--) shares[i] = (shares[i] ?? 0) + 1;
  return shares;
}

function account(r: Random, n: number, shape: { contacts: number; deals: number; activities: number }): Account {
  const zh = r.chance(0.8);
  const flavour: Flavour = { zhShare: zh ? 0.9 : 0.15 };
  const people = contacts(r, shape.contacts, flavour);
  const deals = Array.from({ length: shape.deals }, () => deal(r, people, zh));
  return {
    ...stamp(r, 200, 720),
    name: accountName(r, zh, n),
    kind: r.chance(0.85) ? 'direct' : 'channel',
    stage: 'customer',
    profile: accountProfileSchema.parse({
      industry: zh ? r.pick(['饲料', '养殖', '食品加工', '生物科技']) : r.pick(['Animal feed', 'Livestock', 'Food processing', 'Biotech']),
      region: zh ? r.pick(ZH_CITIES) : r.pick(['EMEA', 'North America', 'APAC', 'LATAM']),
      address: zh ? `${r.pick(ZH_CITIES)}市经济开发区${r.int(1, 300)}号` : `${r.int(1, 999)} ${r.pick(EN_LAST)} Road`,
      website: r.chance(0.6) ? `https://www.example-${n}.com` : '',
      owner: r.pick(OWNERS),
      description: r.chance(0.7) ? text(r, 1, 4) : '',
    }),
    valueFactors: Object.fromEntries(VALUE_FACTORS.map((k) => [k, r.chance(0.7) ? r.int(0, 5_000) * 1_000 : null])) as Account['valueFactors'],
    grade: r.chance(0.8) ? r.pick(GRADES) : null,
    relationshipType: r.chance(0.7) ? r.pick(RELATIONSHIP_TYPES) : null,
    giftPolicy: { rule: r.pick(GIFT_POLICIES), notes: r.chance(0.2) ? r.pick(SENTENCES) : '' },
    notes: r.chance(0.5) ? text(r, 1, 3) : '',
    deletedAt: null,
    contacts: people,
    influenceLines: influenceLines(r, people),
    deals,
    actions: Array.from({ length: Math.round(shape.deals * 1.5) }, () => action(r, people, deals)),
    activities: Array.from({ length: shape.activities }, () => activity(r, people, deals)),
    warningSigns: warningSignsSchema.parse({}),
    orders: [],
    divisions: [],
    whitespaceMarks: [],
  };
}

/** A portfolio of the given shape; see {@link generatePortfolio}. */
export function generatePortfolioOf(shape: PortfolioShape, seed = 1): Database {
  const r = new Random(mulberry32(seed));
  const minContacts = Math.min(5, Math.floor(shape.contacts / Math.max(1, shape.accounts)));
  const contactShares = split(r, shape.contacts, shape.accounts, minContacts);
  const dealShares = split(r, shape.deals, shape.accounts, 0);
  const activityShares = split(r, shape.activities, shape.accounts, 0);
  const accounts = contactShares.map((contacts, i) =>
    account(r, i + 1, { contacts, deals: dealShares[i] ?? 0, activities: activityShares[i] ?? 0 }),
  );
  const input: z.input<typeof databaseSchema> = { accounts, settings: {} };
  // Validated once, so that a generator bug shows up here and not as a puzzling benchmark figure.
  return databaseSchema.parse(input);
}

/**
 * A seeded, deterministic portfolio of size S, M or L ({@link PORTFOLIO_SIZES}) that passes
 * `databaseSchema`. Accounts are about four in five Chinese, the rest international, with a few
 * people of the other language in each.
 */
export function generatePortfolio(size: PortfolioSize, seed = 1): Database {
  return generatePortfolioOf(PORTFOLIO_SIZES[size], seed);
}
