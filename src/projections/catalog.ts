/** The eight brand indicators of the 2021–2025 plan (domain.md), in the plan's order. */
export interface IndicatorDefinition {
  readonly id: string;
  readonly name: string;
  readonly unit: string;
  readonly baseline: { readonly year: number; readonly value: number };
  readonly target: { readonly year: number; readonly value: number };
}

const indicator = (
  id: string,
  name: string,
  unit: string,
  [base, target]: [number, number],
): IndicatorDefinition => ({
  id,
  name,
  unit,
  baseline: { year: 2020, value: base },
  target: { year: 2025, value: target },
});

export const INDICATORS: readonly IndicatorDefinition[] = [
  indicator('valid-trademarks', '有效注册商标量', '件', [810000, 1250000]),
  indicator('geographical-indications', '地理标志有效量', '件', [34, 45]),
  indicator('madrid-registrations', '马德里商标国际注册有效量', '件', [1049, 1240]),
  indicator('pinzibiao-enterprises', '培育"品字标"企业', '家', [267, 400]),
  indicator('zhejiang-made-premium', '浙江制造精品', '项', [200, 260]),
  indicator('single-champion-enterprises', '单项冠军企业', '家', [24, 30]),
  indicator('high-quality-service-certificates', '高品质服务认证证书', '张', [1000, 1500]),
  indicator('quality-brand-demonstration-zones', '创建全国质量品牌提升示范区', '个', [0, 2]),
];

export const indicatorById = (id: string): IndicatorDefinition | undefined =>
  INDICATORS.find((i) => i.id === id);

/** Figures the projection keeps besides the eight: shown as details of their indicator. */
export const IN_GRACE_KEY = 'trademarks-in-grace';
export const PINZIBIAO_IN_FORCE_KEY = 'pinzibiao-in-force';
export const CLASS_KEY_PREFIX = 'trademark-class-';

/** What the knownAt ledger keeps row by row: the eight and 品字标 in force. */
export const LEDGER_KEYS: ReadonlySet<string> = new Set([
  ...INDICATORS.map((i) => i.id),
  PINZIBIAO_IN_FORCE_KEY,
]);

/** The whole city: the district under which city-wide totals are kept. */
export const CITY = '*';

export const progressOf = (def: IndicatorDefinition, value: number): number | null =>
  def.target.value === def.baseline.value
    ? null
    : (value - def.baseline.value) / (def.target.value - def.baseline.value);
