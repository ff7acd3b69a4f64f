import { z } from 'zod';
import { usccSchema } from './uscc.js';

/** Hangzhou's county-level divisions since 2021-04-09. */
export const CURRENT_DISTRICTS = {
  '330102': '上城区',
  '330105': '拱墅区',
  '330106': '西湖区',
  '330108': '滨江区',
  '330109': '萧山区',
  '330110': '余杭区',
  '330111': '富阳区',
  '330112': '临安区',
  '330113': '临平区',
  '330114': '钱塘区',
  '330122': '桐庐县',
  '330127': '淳安县',
  '330182': '建德市',
} as const satisfies Record<string, string>;

/** Codes retired in 2021 that old records still carry; they are accepted and kept as recorded. */
export const RETIRED_DISTRICTS = {
  '330103': '下城区',
  '330104': '江干区',
} as const satisfies Record<string, string>;

export type CurrentDistrictCode = keyof typeof CURRENT_DISTRICTS;
export type DistrictCode = CurrentDistrictCode | keyof typeof RETIRED_DISTRICTS;

const ALL_DISTRICTS: Readonly<Record<string, string>> = { ...CURRENT_DISTRICTS, ...RETIRED_DISTRICTS };

export const isDistrictCode = (code: string): code is DistrictCode => Object.hasOwn(ALL_DISTRICTS, code);
export const isCurrentDistrictCode = (code: string): code is CurrentDistrictCode =>
  Object.hasOwn(CURRENT_DISTRICTS, code);

export const districtName = (code: string): string | undefined => ALL_DISTRICTS[code];

// 江干's 下沙 and 白杨 streets went to the new 钱塘区; the rest of 江干 to 上城区.
const TO_QIANTANG = ['下沙', '白杨', '钱塘区'];
// Old 余杭区's streets that form 临平区 (State Council approval of 2021, effective 2021-04-09).
const TO_LINPING = ['临平', '南苑', '东湖', '星桥', '乔司', '运河', '崇贤', '塘栖'];

const mentionsAny = (address: string | undefined, places: readonly string[]): boolean =>
  address !== undefined && places.some((p) => address.includes(p));

/**
 * Today's district of a record that carries `code` as recorded. Records keep the code they were filed
 * with; the mapping is resolved on read, from the address where a retired division was split.
 * Unknown codes come back unchanged so that a report never drops a record silently.
 */
export const currentDistrictOf = (code: string, address?: string): string => {
  switch (code) {
    case '330103':
      return '330105';
    case '330104':
      return mentionsAny(address, TO_QIANTANG) ? '330114' : '330102';
    case '330110':
      return mentionsAny(address, TO_LINPING) ? '330113' : '330110';
    default:
      return code;
  }
};

// A plain predicate, not the type guard: parsed holders stay assignable to `Holder` (district: string).
export const districtSchema = z.string().refine((code): boolean => isDistrictCode(code), {
  error: 'must be a Hangzhou division code such as 330106 (retired 330103 and 330104 accepted)',
});

export const holderSchema = z.object({
  name: z.string().trim().min(1, { error: 'the holder name must not be empty' }),
  uscc: usccSchema,
  district: districtSchema,
  address: z.string().trim().min(1).exactOptional(),
});

/** A holder as events carry it: JSON-plain, `address` absent rather than undefined. */
export type Holder = {
  name: string;
  uscc: string;
  district: string;
  address?: string;
};
