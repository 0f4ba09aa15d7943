import type { Widen } from '../widen';

/** Value assessment, portfolio matrices, health checklist and their settings (English). */
export const valuationEn = {
  title: 'Value & health',
  stages: { customer: 'Customer', prospect: 'Prospect' },
  intent: { high: 'High intent', medium: 'Some intent', low: 'Low intent' },
  health: { healthy: 'Healthy', watch: 'Watch', atRisk: 'At risk' },
  grade: {
    suggested: 'Suggested grade',
    overridden: 'Set by hand (suggested {{suggested}})',
    noScore: 'Enter value factors to get a score',
  },
  cells: {
    E1: { name: 'EⅠ Consolidate', axes: 'High contribution, stable', strategy: 'Key service: solve complaints fast and be their business adviser.' },
    E2: { name: 'EⅡ Turn around', axes: 'High contribution, unstable', strategy: 'Most urgent: find out why (product, service, competition, their interest) and turn it around.' },
    E3: { name: 'EⅢ Grow', axes: 'Low contribution, stable', strategy: 'Grow: visit regularly and help with promotion and display.' },
    E4: { name: 'EⅣ Review', axes: 'Low contribution, unstable', strategy: 'Weigh cost against benefit: turn around, grow, or let go.' },
    P1: { name: 'PⅠ Break through', axes: 'High expected contribution, high intent', strategy: 'Break through first: sign early, remove obstacles, strengthen the key people.' },
    P2: { name: 'PⅡ Cultivate', axes: 'High expected contribution, low intent', strategy: 'Cultivate: build relationships and show value until they are ready.' },
    P3: { name: 'PⅢ Convert cheaply', axes: 'Low expected contribution, high intent', strategy: 'Convert at low cost: a simple offer, a light service model.' },
    P4: { name: 'PⅣ Keep watching', axes: 'Low expected contribution, low intent', strategy: 'Keep watching: light touch, revisit when something changes.' },
  },
  signs: {
    ordersSpread: 'Spreads its orders over more suppliers (orders shrink)',
    strategyChange: 'Is changing its strategy (integration, own brands)',
    newPurchasingModel: 'Announces a new purchasing model',
    channelConflict: 'A channel conflict that cannot be settled',
    stockOuts: 'Stock-outs we caused',
    priceRises: 'Price rises we imposed',
    greyImports: 'Cheaper goods flowing in from other regions',
    brokenPromises: 'Promises not kept',
    partnerStaffLeaving: 'The partner’s own staff leaving',
  },
};

/** 价值评估、客户组合矩阵、健康检查及其设置（简体中文）。 */
export const valuationZh: Widen<typeof valuationEn> = {
  title: '价值与健康',
  stages: { customer: '现有客户', prospect: '潜在客户' },
  intent: { high: '意向强', medium: '意向一般', low: '意向弱' },
  health: { healthy: '健康', watch: '关注', atRisk: '有流失风险' },
  grade: {
    suggested: '建议等级',
    overridden: '手动设定（建议 {{suggested}}）',
    noScore: '填写价值因素后即可评分',
  },
  cells: {
    E1: { name: 'EⅠ 巩固', axes: '贡献高、稳定', strategy: '重点服务：迅速解决投诉，做客户的经营顾问。' },
    E2: { name: 'EⅡ 扭转', axes: '贡献高、不稳定', strategy: '最紧迫：查明原因（产品、服务、竞争、客户利益），扭转局面。' },
    E3: { name: 'EⅢ 培育', axes: '贡献低、稳定', strategy: '培育：定期拜访，协助促销和陈列。' },
    E4: { name: 'EⅣ 评估', axes: '贡献低、不稳定', strategy: '权衡成本与收益：扭转、培育或放弃。' },
    P1: { name: 'PⅠ 优先突破', axes: '预期贡献高、意向强', strategy: '优先突破：尽早签约，清除障碍，巩固关键人物。' },
    P2: { name: 'PⅡ 长期培养', axes: '预期贡献高、意向弱', strategy: '长期培养：建立关系、展示价值，等待时机。' },
    P3: { name: 'PⅢ 低成本转化', axes: '预期贡献低、意向强', strategy: '低成本转化：简单方案，轻量服务。' },
    P4: { name: 'PⅣ 持续观察', axes: '预期贡献低、意向弱', strategy: '持续观察：保持轻度接触，情况变化时再评估。' },
  },
  signs: {
    ordersSpread: '把订单分散给更多供应商（订单减少）',
    strategyChange: '正在改变经营战略（前向/后向一体化、自有品牌）',
    newPurchasingModel: '宣布新的采购模式',
    channelConflict: '无法调和的渠道冲突',
    stockOuts: '我方造成的断货',
    priceRises: '我方强加的涨价',
    greyImports: '外地低价货窜入',
    brokenPromises: '承诺未兑现',
    partnerStaffLeaving: '经销商自己的人员流失',
  },
};
