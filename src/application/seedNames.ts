/**
 * Word pools for the synthetic registry of `npm run seed`: Hangzhou's divisions weighted by economic
 * size, their streets, company names, marks, products. Names are made up; the divisions, streets and
 * the geographical indications are the real ones.
 */

export interface DistrictPool {
  readonly code: string;
  readonly name: string;
  /** Relative share of the city's trademark holders (the large economies take most). */
  readonly weight: number;
  readonly streets: readonly string[];
  /** Used in company names outside the core city, as local firms often are. */
  readonly prefix?: string;
}

export const DISTRICTS: readonly DistrictPool[] = [
  {
    code: '330110',
    name: '余杭区',
    weight: 16,
    streets: ['五常街道', '仓前街道', '闲林街道', '良渚街道', '瓶窑镇', '径山镇', '中泰街道', '余杭街道'],
  },
  {
    code: '330106',
    name: '西湖区',
    weight: 14,
    streets: [
      '北山街道',
      '西溪街道',
      '灵隐街道',
      '翠苑街道',
      '文新街道',
      '古荡街道',
      '转塘街道',
      '留下街道',
      '蒋村街道',
      '三墩镇',
    ],
  },
  { code: '330108', name: '滨江区', weight: 13, streets: ['西兴街道', '长河街道', '浦沿街道'] },
  {
    code: '330102',
    name: '上城区',
    weight: 12,
    streets: [
      '湖滨街道',
      '清波街道',
      '小营街道',
      '南星街道',
      '紫阳街道',
      '望江街道',
      '凯旋街道',
      '采荷街道',
      '四季青街道',
      '九堡街道',
    ],
  },
  {
    code: '330109',
    name: '萧山区',
    weight: 12,
    streets: ['城厢街道', '北干街道', '蜀山街道', '新塘街道', '宁围街道', '瓜沥镇', '临浦镇', '义桥镇'],
  },
  {
    code: '330105',
    name: '拱墅区',
    weight: 9,
    streets: [
      '米市巷街道',
      '湖墅街道',
      '小河街道',
      '和睦街道',
      '大关街道',
      '祥符街道',
      '半山街道',
      '武林街道',
      '天水街道',
      '朝晖街道',
    ],
  },
  {
    code: '330113',
    name: '临平区',
    weight: 6,
    streets: ['临平街道', '南苑街道', '东湖街道', '星桥街道', '乔司街道', '运河街道', '崇贤街道', '塘栖镇'],
  },
  { code: '330114', name: '钱塘区', weight: 6, streets: ['下沙街道', '白杨街道', '义蓬街道', '河庄街道'] },
  {
    code: '330111',
    name: '富阳区',
    weight: 5,
    streets: ['富春街道', '银湖街道', '东洲街道', '新登镇', '场口镇'],
    prefix: '杭州富阳',
  },
  {
    code: '330112',
    name: '临安区',
    weight: 4,
    streets: ['锦城街道', '青山湖街道', '玲珑街道', '於潜镇', '昌化镇'],
    prefix: '杭州临安',
  },
  {
    code: '330122',
    name: '桐庐县',
    weight: 2,
    streets: ['桐君街道', '旧县街道', '分水镇', '富春江镇'],
    prefix: '桐庐',
  },
  {
    code: '330182',
    name: '建德市',
    weight: 1.5,
    streets: ['新安江街道', '洋溪街道', '梅城镇', '寿昌镇'],
    prefix: '建德',
  },
  { code: '330127', name: '淳安县', weight: 1, streets: ['千岛湖镇', '汾口镇', '威坪镇'], prefix: '淳安' },
];

/**
 * Streets that belonged to a division retired on 2021-04-09: a firm there filed its older marks under
 * the old code (下城 330103 is now in 拱墅; 江干 330104 went to 上城, its 下沙 and 白杨 to 钱塘).
 */
export const RETIRED_STREETS: Readonly<Record<string, { readonly code: string; readonly name: string }>> = {
  武林街道: { code: '330103', name: '下城区' },
  天水街道: { code: '330103', name: '下城区' },
  朝晖街道: { code: '330103', name: '下城区' },
  凯旋街道: { code: '330104', name: '江干区' },
  采荷街道: { code: '330104', name: '江干区' },
  四季青街道: { code: '330104', name: '江干区' },
  九堡街道: { code: '330104', name: '江干区' },
  下沙街道: { code: '330104', name: '江干区' },
  白杨街道: { code: '330104', name: '江干区' },
};

export const DISTRICTS_REORGANISED_ON = '2021-04-09';

export interface Industry {
  /** The business word in a company name (…科技有限公司). */
  readonly word: string;
  /** Nice classes its marks are filed in, the first the usual one. */
  readonly classes: readonly number[];
  /** What its 品字标 certificates and 浙江制造精品 cover; empty for services. */
  readonly products: readonly string[];
  readonly weight: number;
}

export const INDUSTRIES: readonly Industry[] = [
  { word: '科技', classes: [9, 42, 35], products: ['智能门锁', '工业传感器'], weight: 10 },
  { word: '网络技术', classes: [42, 9, 38, 35], products: [], weight: 8 },
  { word: '电子商务', classes: [35, 9, 42], products: [], weight: 8 },
  { word: '智能科技', classes: [9, 7, 42], products: ['伺服电机', '安防摄像机', '智能电能表'], weight: 6 },
  { word: '茶业', classes: [30, 35], products: ['龙井茶', '径山茶'], weight: 5 },
  { word: '食品', classes: [29, 30, 35], products: ['萝卜干', '速冻汤圆'], weight: 6 },
  { word: '服饰', classes: [25, 18, 35], products: ['羽绒服', '针织衫'], weight: 6 },
  { word: '丝绸', classes: [24, 25, 23], products: ['真丝围巾', '丝绸面料'], weight: 3 },
  { word: '生物医药', classes: [5, 10, 44], products: ['医用口罩', '血糖试纸'], weight: 5 },
  { word: '文化创意', classes: [16, 41, 9], products: [], weight: 5 },
  { word: '餐饮管理', classes: [43, 35, 30], products: [], weight: 5 },
  { word: '家居', classes: [20, 21, 24], products: ['实木餐桌', '竹木砧板', '不锈钢保温杯'], weight: 5 },
  { word: '机械制造', classes: [7, 6, 12], products: ['工业缝纫机', '电梯导轨', '汽车制动盘'], weight: 6 },
  { word: '电气', classes: [9, 11, 7], products: ['配电变压器', '家用燃气灶', '光伏组件'], weight: 5 },
  { word: '化妆品', classes: [3, 35, 44], products: ['洗发水'], weight: 3 },
];

export const TRADE_NAME_FIRST: readonly string[] =
  '恒 华 瑞 嘉 鼎 新 宏 博 杭 钱 之 湖 云 天 明 永 康 丰 信 德 安 泰 兴 盛 景 和 正 中 汇 智'.split(' ');

export const TRADE_NAME_SECOND: readonly string[] =
  '达 通 源 禾 川 江 远 业 昌 辰 晟 澜 弘 诚 航 创 联 科 谷 邦 峰 宇 坤 茂 途 锐 亿 宁 舟 桥'.split(' ');

export const MARK_FIRST: readonly string[] =
  '云 禾 青 明 知 溪 桐 茗 锦 悦 澜 星 竹 枫 松 梧 晴 月 岚 墨 西子 钱塘 湖畔 九溪 龙坞 梅家 栖霞 良渚 天目 富春'.split(
    ' ',
  );

export const MARK_SECOND: readonly string[] =
  '山 川 谷 舟 叶 语 泉 岸 里 光 影 韵 源 境 歌 安 和 宁 风 露'.split(' ');

export const MARK_SUFFIX: readonly string[] = '- - - - 堂 坊 记 居 轩 阁 苑 小镇 优选'
  .split(' ')
  .map((w) => (w === '-' ? '' : w));

/** Contracting Parties Chinese holders designate most, weighted roughly by use. */
export const DESIGNATIONS: readonly (readonly [string, number])[] = [
  ['US', 10],
  ['EM', 9],
  ['JP', 7],
  ['KR', 6],
  ['GB', 6],
  ['RU', 5],
  ['AU', 5],
  ['VN', 4],
  ['TH', 4],
  ['SG', 4],
  ['IN', 3],
  ['ID', 3],
  ['PH', 3],
  ['MX', 2],
  ['CA', 2],
  ['CH', 2],
  ['TR', 2],
  ['AE', 2],
  ['BR', 1],
  ['NZ', 1],
  ['KH', 1],
  ['MY', 1],
  ['KZ', 1],
  ['EG', 1],
];

export const CERTIFICATION_BODIES = [
  '浙江公信认证有限公司',
  '杭州万泰认证有限公司',
  '方圆标志认证集团有限公司',
  '中国质量认证中心',
] as const;

export const SERVICES = [
  '餐饮服务',
  '物业服务',
  '酒店服务',
  '养老服务',
  '旅游服务',
  '快递服务',
  '银行网点服务',
  '商场服务',
] as const;

export const SUSPENSION_REASONS = [
  '监督审核发现产品抽检不合格',
  '未按期接受监督审核',
  '获证企业申请暂停',
] as const;
export const WITHDRAWAL_REASONS = ['暂停期满未整改', '获证企业申请注销', '企业生产条件发生重大变化'] as const;

export interface GiPreset {
  readonly id: string;
  readonly name: string;
  readonly product: string;
  readonly route: 'certification-mark' | 'collective-mark' | 'gi-product';
  readonly holderName: string;
  readonly district: string;
  readonly registeredOn: string;
  /** The CNIPA number of the certification or collective mark (illustrative). */
  readonly trademarkNumber?: string;
}

/**
 * Real Hangzhou geographical indications with their routes and divisions; holders, dates and mark
 * numbers are illustrative, not quotations of the register.
 */
export const GEOGRAPHICAL_INDICATIONS: readonly GiPreset[] = [
  {
    id: 'xihu-longjing',
    name: '西湖龙井',
    product: '茶叶',
    route: 'certification-mark',
    holderName: '杭州市西湖区龙井茶产业协会',
    district: '330106',
    registeredOn: '2011-06-28',
    trademarkNumber: '9129815',
  },
  {
    id: 'longjing-cha',
    name: '龙井茶',
    product: '茶叶',
    route: 'gi-product',
    holderName: '杭州市龙井茶产业协会',
    district: '330106',
    registeredOn: '2001-09-10',
  },
  {
    id: 'xiaoshan-luobogan',
    name: '萧山萝卜干',
    product: '腌制萝卜',
    route: 'certification-mark',
    holderName: '杭州市萧山区农产品行业协会',
    district: '330109',
    registeredOn: '2010-03-14',
    trademarkNumber: '6885310',
  },
  {
    id: 'jingshan-cha',
    name: '径山茶',
    product: '茶叶',
    route: 'certification-mark',
    holderName: '杭州市余杭区径山茶行业协会',
    district: '330110',
    registeredOn: '2012-02-07',
    trademarkNumber: '9936221',
  },
  {
    id: 'tangqi-pipa',
    name: '塘栖枇杷',
    product: '枇杷',
    route: 'gi-product',
    holderName: '杭州市临平区塘栖枇杷产业协会',
    district: '330113',
    registeredOn: '2014-12-22',
  },
  {
    id: 'luniao-mili',
    name: '鸬鸟蜜梨',
    product: '梨',
    route: 'certification-mark',
    holderName: '杭州市余杭区鸬鸟镇蜜梨协会',
    district: '330110',
    registeredOn: '2013-09-20',
    trademarkNumber: '11304462',
  },
  {
    id: 'linan-shanhetao',
    name: '临安山核桃',
    product: '山核桃',
    route: 'gi-product',
    holderName: '杭州市临安区山核桃产业协会',
    district: '330112',
    registeredOn: '2009-08-18',
  },
  {
    id: 'tianmu-qingding',
    name: '天目青顶',
    product: '茶叶',
    route: 'collective-mark',
    holderName: '杭州市临安区茶叶产业协会',
    district: '330112',
    registeredOn: '2015-05-06',
    trademarkNumber: '14521073',
  },
  {
    id: 'xueshui-yunlv',
    name: '雪水云绿',
    product: '茶叶',
    route: 'certification-mark',
    holderName: '桐庐县茶叶产业协会',
    district: '330122',
    registeredOn: '2012-10-13',
    trademarkNumber: '10512664',
  },
  {
    id: 'jiande-baocha',
    name: '建德苞茶',
    product: '茶叶',
    route: 'gi-product',
    holderName: '建德市茶产业协会',
    district: '330182',
    registeredOn: '2012-12-25',
  },
  {
    id: 'qiandao-yuye',
    name: '千岛玉叶',
    product: '茶叶',
    route: 'certification-mark',
    holderName: '淳安县茶叶产业协会',
    district: '330127',
    registeredOn: '2016-04-27',
    trademarkNumber: '17250318',
  },
];
