import type { BrandHonourCommand, HonourKind } from '../domain/brandHonours/index.js';
import type { GiCommand } from '../domain/geographicalIndications/index.js';
import type { PinzibiaoCommand } from '../domain/pinzibiao/index.js';
import { addDays, addYears, renewalWindow, termEnd, type LocalDate } from '../domain/shared/dates.js';
import { districtName, type Holder } from '../domain/shared/districts.js';
import { makeUscc } from '../domain/shared/uscc.js';
import {
  CERTIFICATION_BODIES,
  GEOGRAPHICAL_INDICATIONS,
  SERVICES,
  SUSPENSION_REASONS,
  WITHDRAWAL_REASONS,
  type GiPreset,
} from './seedNames.js';
import { nominalDate } from './seedTrademarks.js';
import { dateBetween, earlierOf, laterOf, orgCode, Rng, type CompanyBook } from './seedRandom.js';

export interface BrandEnv {
  readonly seed: string;
  readonly asOf: LocalDate;
  readonly book: CompanyBook;
}

/** Associations (社会团体, 51…) and government bodies (机关, 11…) have codes of their own kind. */
const bodyHolder = (rng: Rng, kind: '51' | '11', name: string, district: string): Holder => ({
  name,
  uscc: makeUscc(`${kind}${district}${orgCode(rng)}`),
  district,
});

/**
 * The real Hangzhou GIs (domain.md); the mark routes are renewed whenever a renewal window has
 * opened by `asOf`, as their associations do, so they stay in force.
 */
export function seedGi(env: BrandEnv, preset: GiPreset): GiCommand[] {
  const rng = new Rng(`${env.seed}|gi|${preset.id}`);
  if (preset.registeredOn > env.asOf) return [];
  const { id, name, product, route, registeredOn, trademarkNumber } = preset;
  const holder = bodyHolder(rng, '51', preset.holderName, preset.district);
  const commands: GiCommand[] = [
    {
      type: 'RegisterGi',
      data: {
        id,
        name,
        product,
        route,
        holder,
        registeredOn,
        ...(trademarkNumber === undefined ? {} : { trademarkNumber }),
      },
    },
  ];
  if (route === 'gi-product') return commands;
  for (let expiry = termEnd(registeredOn); renewalWindow(expiry).opens <= env.asOf;) {
    const { opens } = renewalWindow(expiry);
    const filedOn = dateBetween(rng, opens, earlierOf(expiry, env.asOf));
    commands.push({ type: 'RenewGi', data: { id, filedOn } });
    expiry = termEnd(addDays(expiry, 1));
  }
  return commands;
}

export const seedGis = (env: BrandEnv): GiCommand[][] =>
  GEOGRAPHICAL_INDICATIONS.map((p) => seedGi(env, p)).filter((c) => c.length > 0);

/** A firm that makes things (品字标 certifies products), near index `from`. */
function manufacturer(book: CompanyBook, from: number): number {
  let k = from;
  while (book.get(k).industry.products.length === 0) k++;
  return k;
}

const FIRST_ZZB_YEAR = 2015;

/** `T/ZZB nnnn—yyyy`: the group standards were numbered in order, some 250 a year. */
const standardCode = (rng: Rng, issuedOn: LocalDate): string => {
  const year = rng.int(FIRST_ZZB_YEAR, Math.max(FIRST_ZZB_YEAR, Number(issuedOn.slice(0, 4)) - 1));
  const n = (year - FIRST_ZZB_YEAR) * 250 + rng.int(1, 250);
  return `T/ZZB ${String(n).padStart(4, '0')}—${year}`;
};

/**
 * A 品字标 certificate: yearly surveillance audits, now and then a failed one with a suspension (lifted
 * or ending in withdrawal), and recertification at expiry for most.
 */
export function seedPinzibiao(env: BrandEnv, j: number): PinzibiaoCommand[] {
  const rng = new Rng(`${env.seed}|pinzibiao|${j}`);
  const k = manufacturer(env.book, rng.int(0, 4 + j * 2));
  const firm = env.book.get(k);
  const issuedOn = laterOf('2016-01-01', addDays(env.asOf, -rng.int(20, 8 * 365)));
  const certificateNumber = `CZJM-${nominalDate(env, issuedOn).slice(0, 4)}-${String(10_000 + j * 7 + rng.int(0, 6))}`;
  const explicit = rng.chance(0.5);
  const commands: PinzibiaoCommand[] = [
    {
      type: 'IssuePinzibiaoCertificate',
      data: {
        certificateNumber,
        enterprise: env.book.holderOn(k, issuedOn),
        product: rng.pick(firm.industry.products),
        standardCode: standardCode(rng, issuedOn),
        certificationBody: rng.pick(CERTIFICATION_BODIES),
        issuedOn,
        ...(explicit ? { expiresOn: termEnd(issuedOn, 3) } : {}),
      },
    },
  ];
  let term = { issuedOn, expiresOn: termEnd(issuedOn, 3) };
  for (;;) {
    if (!audits(env, rng, commands, { certificateNumber, ...term })) return commands;
    const renewOn = addDays(term.expiresOn, -rng.int(0, 40));
    if (term.expiresOn >= env.asOf || renewOn > env.asOf || !rng.chance(0.75)) return commands;
    commands.push({ type: 'RenewPinzibiaoCertificate', data: { certificateNumber, issuedOn: renewOn } });
    term = { issuedOn: renewOn, expiresOn: termEnd(renewOn, 3) };
  }
}

/** The term's audits; false once the certificate was withdrawn (nothing more may be recorded). */
function audits(
  env: BrandEnv,
  rng: Rng,
  commands: PinzibiaoCommand[],
  term: { certificateNumber: string; issuedOn: LocalDate; expiresOn: LocalDate },
): boolean {
  const { certificateNumber } = term;
  for (let year = 1; year <= 2; year++) {
    const auditedOn = addDays(addYears(term.issuedOn, year), -rng.int(0, 30));
    if (auditedOn > env.asOf || auditedOn > term.expiresOn) return true;
    const passed = !rng.chance(0.06);
    commands.push({ type: 'RecordSurveillanceAudit', data: { certificateNumber, auditedOn, passed } });
    if (passed) continue;
    const suspendedOn = addDays(auditedOn, rng.int(5, 20));
    if (suspendedOn > env.asOf || suspendedOn > term.expiresOn) return true;
    const reason = rng.pick(SUSPENSION_REASONS);
    commands.push({
      type: 'SuspendPinzibiaoCertificate',
      data: { certificateNumber, effectiveDate: suspendedOn, reason },
    });
    const after = addDays(suspendedOn, rng.int(30, 120));
    if (after > env.asOf || after > term.expiresOn) return false;
    if (rng.chance(0.6)) {
      commands.push({
        type: 'RestorePinzibiaoCertificate',
        data: { certificateNumber, effectiveDate: after },
      });
      continue;
    }
    const why = rng.pick(WITHDRAWAL_REASONS);
    commands.push({
      type: 'WithdrawPinzibiaoCertificate',
      data: { certificateNumber, effectiveDate: after, reason: why },
    });
    return false;
  }
  return true;
}

/** How many of each honour for `trademarks` seeded marks: the plan's proportions, at least one each. */
export const honourCounts = (trademarks: number): Readonly<Record<HonourKind, number>> => ({
  'zhejiang-made-premium': Math.max(2, Math.round(trademarks / 40)),
  'single-champion': Math.max(1, Math.round(trademarks / 150)),
  'high-quality-service-certificate': Math.max(2, Math.round(trademarks / 25)),
  'quality-brand-demonstration-zone': trademarks >= 200 ? 2 : 1,
});

const ID_PREFIX: Readonly<Record<HonourKind, string>> = {
  'zhejiang-made-premium': 'zjmp',
  'single-champion': 'champion',
  'high-quality-service-certificate': 'hqs',
  'quality-brand-demonstration-zone': 'zone',
};

// The demonstration zones are districts; their governments hold the title.
const ZONES = [
  { district: '330110', industry: '数字经济' },
  { district: '330109', industry: '汽车零部件' },
] as const;

function honourDetails(env: BrandEnv, rng: Rng, kind: HonourKind, j: number) {
  const since = laterOf('2017-01-01', addYears(env.asOf, -8));
  const awardedOn = dateBetween(rng, since, env.asOf);
  if (kind === 'quality-brand-demonstration-zone') {
    const zone = ZONES[j % ZONES.length] as (typeof ZONES)[number];
    const name = `杭州市${districtName(zone.district) ?? ''}人民政府`;
    const holder = bodyHolder(rng, '11', name, zone.district);
    return { holder, awardedOn, title: `全国${zone.industry}质量品牌提升示范区`, validUntil: undefined };
  }
  const k =
    kind === 'high-quality-service-certificate'
      ? rng.int(0, 4 + j * 3)
      : manufacturer(env.book, rng.int(0, 4 + j * 3));
  const firm = env.book.get(k);
  const holder = env.book.holderOn(k, awardedOn);
  if (kind === 'zhejiang-made-premium') {
    return {
      holder,
      awardedOn,
      title: `浙江制造精品：${rng.pick(firm.industry.products)}`,
      validUntil: undefined,
    };
  }
  const validUntil = termEnd(awardedOn, 3);
  if (kind === 'single-champion') {
    const batch = Math.max(1, Number(awardedOn.slice(0, 4)) - 2015);
    return { holder, awardedOn, title: `制造业单项冠军示范企业（第${batch}批）`, validUntil };
  }
  return { holder, awardedOn, title: `高品质服务认证：${rng.pick(SERVICES)}`, validUntil };
}

export function seedHonour(env: BrandEnv, kind: HonourKind, j: number): BrandHonourCommand[] {
  const rng = new Rng(`${env.seed}|honour|${kind}|${j}`);
  const id = `${ID_PREFIX[kind]}-${String(j + 1).padStart(4, '0')}`;
  const { holder, awardedOn, title, validUntil } = honourDetails(env, rng, kind, j);
  const commands: BrandHonourCommand[] = [
    {
      type: 'AwardBrandHonour',
      data: { id, kind, holder, title, awardedOn, ...(validUntil === undefined ? {} : { validUntil }) },
    },
  ];
  const revokedOn = addDays(awardedOn, rng.int(90, 900));
  if (kind !== 'quality-brand-demonstration-zone' && revokedOn <= env.asOf && rng.chance(0.04)) {
    commands.push({ type: 'RevokeBrandHonour', data: { id, effectiveDate: revokedOn } });
  }
  return commands;
}
