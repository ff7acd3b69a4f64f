import { expect } from 'chai';
import fc from 'fast-check';
import {
  USCC_ALPHABET,
  checkUscc,
  makeUscc,
  organisationCodeCheckCharacter,
  usccCheckCharacter,
  usccSchema,
} from '../../../src/domain/shared/uscc.js';

const alphabetChar = fc.constantFrom(...USCC_ALPHABET);
const first16Arb = fc.array(alphabetChar, { minLength: 16, maxLength: 16 }).map((cs) => cs.join(''));
const replaceAt = (s: string, i: number, ch: string): string => s.slice(0, i) + ch + s.slice(i + 1);

describe('Unified Social Credit Code (GB 32100-2015)', () => {
  it('91330100799655058B passes both checks', () =>
    expect(checkUscc('91330100799655058B')).to.deep.equal({ valid: true, warnings: [] }));
  it('computes both check characters of 91330100799655058B', () => {
    expect(organisationCodeCheckCharacter('79965505')).to.equal('8');
    expect(usccCheckCharacter('91330100799655058')).to.equal('B');
  });
  it('maps organisation check 10 to X and 11 to 0', () => {
    // sum 0 → 11 → '0'; 2·1 = 2 → 9; 2·6 = 12 ≡ 1 → 10 → 'X'.
    expect(organisationCodeCheckCharacter('00000000')).to.equal('0');
    expect(organisationCodeCheckCharacter('00000001')).to.equal('9');
    expect(organisationCodeCheckCharacter('00000006')).to.equal('X');
  });
  it('rejects a code whose position 18 fails', () => {
    const result = checkUscc('91330100799655058C');
    expect(result.valid).to.equal(false);
    expect(result.reason).to.contain('position 18');
  });
  it('accepts a code whose position 17 fails, with a warning', () => {
    const first17 = '91330100799655057';
    const result = checkUscc(first17 + usccCheckCharacter(first17));
    expect(result.valid).to.equal(true);
    expect(result.warnings).to.have.length(1);
    expect(result.warnings[0]).to.contain('position 17');
  });
  it('rejects a wrong length', () => expect(checkUscc('9133010079965505').valid).to.equal(false));
  it('rejects letters outside the alphabet (I, O, S, V, Z)', () => {
    const result = checkUscc('91330100799655O58B');
    expect(result.valid).to.equal(false);
    expect(result.reason).to.contain('O');
  });

  it('every code made by the algorithm passes both checks', () =>
    fc.assert(
      fc.property(first16Arb, (first16) => {
        expect(checkUscc(makeUscc(first16))).to.deep.equal({ valid: true, warnings: [] });
      }),
    ));

  it('every single-character change at position 18 fails', () =>
    fc.assert(
      fc.property(first16Arb, alphabetChar, (first16, ch) => {
        const code = makeUscc(first16);
        fc.pre(ch !== code.charAt(17));
        expect(checkUscc(replaceAt(code, 17, ch)).valid).to.equal(false);
      }),
    ));

  it('every change at positions 1–17 that alters the check character fails', () =>
    fc.assert(
      fc.property(first16Arb, fc.integer({ min: 0, max: 16 }), alphabetChar, (first16, i, ch) => {
        const code = makeUscc(first16);
        const changed = replaceAt(code, i, ch);
        fc.pre(ch !== code.charAt(i));
        // Position 18's weights are all units mod 31, so a single change always alters the check.
        expect(usccCheckCharacter(changed.slice(0, 17))).to.not.equal(code.charAt(17));
        expect(checkUscc(changed).valid).to.equal(false);
      }),
    ));

  describe('usccSchema', () => {
    it('accepts a valid code, upper-casing and trimming it', () =>
      expect(usccSchema.parse(' 91330100799655058b ')).to.equal('91330100799655058B'));
    it('rejects an invalid code with a clear message', () => {
      const result = usccSchema.safeParse('91330100799655058C');
      expect(result.success).to.equal(false);
      expect(result.error?.issues[0]?.message).to.match(
        /not a valid Unified Social Credit Code.*position 18/,
      );
    });
  });
});
