import { addDays, type LocalDate } from '../domain/shared/dates.js';
import type { Holder } from '../domain/shared/districts.js';
import { makeUscc, USCC_ALPHABET } from '../domain/shared/uscc.js';
import {
  DISTRICTS,
  DISTRICTS_REORGANISED_ON,
  INDUSTRIES,
  RETIRED_STREETS,
  TRADE_NAME_FIRST,
  TRADE_NAME_SECOND,
  type Industry,
} from './seedNames.js';

/**
 * A small seeded PRNG (mulberry32 over a cyrb53 hash of the seed and a label). Each record draws from
 * its own stream (`seed|trademark|17`), so record 17 is the same whether 20 or 20,000 are seeded.
 */
export class Rng {
  private state: number;

  constructor(seed: string) {
    this.state = hash32(seed);
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A whole number from `min` to `max`, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(0, items.length - 1)] as T;
  }

  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return (items[items.length - 1] as readonly [T, number])[0];
  }

  /** `count` distinct items, weighted, in the order drawn. */
  distinct<T>(items: readonly (readonly [T, number])[], count: number): T[] {
    const left = [...items];
    const out: T[] = [];
    while (out.length < count && left.length > 0) {
      const item = this.weighted(left);
      out.push(item);
      left.splice(
        left.findIndex(([i]) => i === item),
        1,
      );
    }
    return out;
  }
}

function hash32(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 ^ h2) >>> 0;
}

const DAY_MS = 86_400_000;

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export const daysFrom = (a: LocalDate, b: LocalDate): number =>
  Math.round((Date.parse(b) - Date.parse(a)) / DAY_MS);

/** A date from `a` to `b`, both included; `a` when the range is empty. */
export const dateBetween = (rng: Rng, a: LocalDate, b: LocalDate): LocalDate =>
  addDays(a, rng.int(0, Math.max(0, daysFrom(a, b))));

export const laterOf = (a: LocalDate, b: LocalDate): LocalDate => (a > b ? a : b);
export const earlierOf = (a: LocalDate, b: LocalDate): LocalDate => (a < b ? a : b);

/** Positions 9–16 of a USCC (the organisation code without its check character). */
export const orgCode = (rng: Rng): string =>
  Array.from({ length: 8 }, (_, i) =>
    i < 2 && rng.chance(0.5) ? rng.pick(['M', 'A']) : rng.pick([...USCC_ALPHABET]),
  ).join('');

export interface SeedCompany {
  readonly name: string;
  readonly uscc: string;
  readonly district: string;
  readonly address: string;
  readonly industry: Industry;
  /** The retired division and address its filings carried before the 2021 reorganisation. */
  readonly before2021?: { readonly district: string; readonly address: string };
}

/**
 * The seeded firms, made on demand in index order (names stay unique): firm k is the same for a
 * given seed however many records are seeded.
 */
export class CompanyBook {
  private readonly companies: SeedCompany[] = [];
  private readonly names = new Set<string>();

  constructor(private readonly seed: string) {}

  get(index: number): SeedCompany {
    while (this.companies.length <= index) this.companies.push(this.make(this.companies.length));
    return this.companies[index] as SeedCompany;
  }

  /** The firm as a holder on `date`: filings before 2021-04-09 carry the division of that time. */
  holderOn(index: number, date: LocalDate): Holder {
    const c = this.get(index);
    const old = date < DISTRICTS_REORGANISED_ON ? c.before2021 : undefined;
    return {
      name: c.name,
      uscc: c.uscc,
      district: old?.district ?? c.district,
      address: old?.address ?? c.address,
    };
  }

  private make(index: number): SeedCompany {
    const rng = new Rng(`${this.seed}|company|${index}`);
    const district = rng.weighted(DISTRICTS.map((d) => [d, d.weight] as const));
    const industry = rng.weighted(INDUSTRIES.map((i) => [i, i.weight] as const));
    let name: string;
    do {
      const prefix = district.prefix && rng.chance(0.6) ? district.prefix : rng.chance(0.8) ? '杭州' : '浙江';
      name = `${prefix}${rng.pick(TRADE_NAME_FIRST)}${rng.pick(TRADE_NAME_SECOND)}${industry.word}有限公司`;
    } while (this.names.has(name));
    this.names.add(name);
    const street = rng.pick(district.streets);
    const number = rng.int(1, 999);
    // Old 余杭区 was split in 2021: 临平's firms filed under 330110 before.
    const retired =
      RETIRED_STREETS[street] ??
      (district.code === '330113' ? { code: '330110', name: '余杭区' } : undefined);
    const issuedIn = rng.chance(0.3) ? '330100' : district.code;
    return {
      name,
      uscc: makeUscc(`91${issuedIn}${orgCode(rng)}`),
      district: district.code,
      address: `浙江省杭州市${district.name}${street}${number}号`,
      industry,
      ...(retired
        ? {
            before2021: {
              district: retired.code,
              address: `浙江省杭州市${retired.name}${street}${number}号`,
            },
          }
        : {}),
    };
  }
}
