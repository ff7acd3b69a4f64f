import { z } from 'zod';
import { validationError } from './errors.js';

/** GB 32100-2015: 31 characters, without I, O, S, V, Z (easily misread). */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

const usccValue = (ch: string): number => USCC_ALPHABET.indexOf(ch);

const invalidCharacters = (s: string): string[] => [...s].filter((ch) => usccValue(ch) < 0);

const requireAlphabet = (s: string, length: number, what: string): void => {
  const bad = invalidCharacters(s);
  if (s.length !== length || bad.length > 0) {
    throw validationError(`${what} must be ${length} characters of ${USCC_ALPHABET}, got "${s}"`);
  }
};

/** Position 18: weighted sum of positions 1–17 modulo 31. */
export const usccCheckCharacter = (first17: string): string => {
  requireAlphabet(first17, 17, 'the first 17 characters of a USCC');
  const sum = [...first17].reduce((acc, ch, i) => acc + usccValue(ch) * (USCC_WEIGHTS[i] ?? 0), 0);
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
};

// GB 11714 values letters by their place in the Latin alphabet (A=10 … Z=35), not by the USCC index.
const orgValue = (ch: string): number => (ch >= '0' && ch <= '9' ? Number(ch) : ch.charCodeAt(0) - 55);

/** Position 17: the organisation code's own check (GB 11714) over positions 9–16. */
export const organisationCodeCheckCharacter = (first8: string): string => {
  requireAlphabet(first8, 8, 'the first 8 characters of an organisation code');
  const sum = [...first8].reduce((acc, ch, i) => acc + orgValue(ch) * (ORG_WEIGHTS[i] ?? 0), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return 'X';
  if (check === 11) return '0';
  return String(check);
};

export interface UsccCheck {
  valid: boolean;
  reason?: string;
  warnings: string[];
}

/**
 * A code whose position 18 fails is rejected. A position-17 failure is only a warning: some codes
 * issued during the transition from organisation codes carry one and are nonetheless in use.
 */
export const checkUscc = (code: string): UsccCheck => {
  if (code.length !== 18)
    return { valid: false, reason: `must be 18 characters, got ${code.length}`, warnings: [] };
  const bad = invalidCharacters(code);
  if (bad.length > 0) {
    return {
      valid: false,
      reason: `contains characters outside ${USCC_ALPHABET}: ${[...new Set(bad)].join(' ')}`,
      warnings: [],
    };
  }
  const expected = usccCheckCharacter(code.slice(0, 17));
  if (code.charAt(17) !== expected) {
    return {
      valid: false,
      reason: `check character (position 18) should be ${expected}, not ${code.charAt(17)}`,
      warnings: [],
    };
  }
  const orgExpected = organisationCodeCheckCharacter(code.slice(8, 16));
  const warnings =
    code.charAt(16) === orgExpected
      ? []
      : [`organisation code check character (position 17) should be ${orgExpected}, not ${code.charAt(16)}`];
  return { valid: true, warnings };
};

export const isValidUscc = (code: string): boolean => checkUscc(code).valid;

/** Completes 16 characters with both check characters (for seeds and tests). */
export const makeUscc = (first16: string): string => {
  requireAlphabet(first16, 16, 'the first 16 characters of a USCC');
  const first17 = first16 + organisationCodeCheckCharacter(first16.slice(8, 16));
  return first17 + usccCheckCharacter(first17);
};

export const usccSchema = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((code, ctx) => {
    const result = checkUscc(code);
    if (!result.valid) {
      ctx.addIssue({
        code: 'custom',
        message: `not a valid Unified Social Credit Code (GB 32100-2015): ${result.reason ?? 'invalid'}`,
      });
    }
  });
