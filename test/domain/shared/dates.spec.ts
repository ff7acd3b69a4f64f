import { expect } from 'chai';
import fc from 'fast-check';
import {
  addDays,
  addMonths,
  addYears,
  anniversary,
  assertNotFuture,
  localDateSchema,
  oppositionPeriodEnd,
  renewalWindow,
  termEnd,
  todayInShanghai,
} from '../../../src/domain/shared/dates.js';
import { isRegistryError } from '../../../src/domain/shared/errors.js';

const dateArb = fc
  .date({ min: new Date('1980-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('legal dates', () => {
  describe('term rule (Regs Art. 12 ¶2)', () => {
    it('a term from 2015-06-14 ends 2025-06-13', () => expect(termEnd('2015-06-14')).to.equal('2025-06-13'));
    it('a term from 2016-02-29 ends 2026-02-28', () => expect(termEnd('2016-02-29')).to.equal('2026-02-28'));
    it('a term from 2020-03-31 ends 2030-03-30', () => expect(termEnd('2020-03-31')).to.equal('2030-03-30'));
    it('a term from 2026-03-01 ends 2036-02-29', () => expect(termEnd('2026-03-01')).to.equal('2036-02-29'));
    it('a term from the first of a month ends on the last day of the previous month', () =>
      expect(termEnd('2021-01-01')).to.equal('2030-12-31'));
    it('takes other lengths in years', () => expect(termEnd('2016-02-29', 4)).to.equal('2020-02-28'));

    it('every term ends the day before the same calendar day, or that month’s last day', () =>
      fc.assert(
        fc.property(dateArb, (start) => {
          const end = termEnd(start);
          const [y, m, d] = start.split('-');
          const sameDay = `${Number(y) + 10}-${m}-${d}`;
          if (localDateSchema.safeParse(sameDay).success) expect(end).to.equal(addDays(sameDay, -1));
          else expect(addDays(end, 1).slice(5)).to.equal('03-01');
          expect(end > start).to.equal(true);
        }),
      ));
  });

  describe('renewal window (Art. 40)', () => {
    it('opens on the first day of the term’s last 12 months', () =>
      expect(renewalWindow('2025-06-13').opens).to.equal('2024-06-14'));
    it('grace ends on the corresponding day 6 months after expiry', () =>
      expect(renewalWindow('2025-06-13').graceEnds).to.equal('2025-12-13'));
    it('grace after a February expiry ends on the same day of August', () =>
      expect(renewalWindow('2026-02-28')).to.deep.equal({ opens: '2025-03-01', graceEnds: '2026-08-28' }));
    it('grace is clamped to the month’s last day', () =>
      expect(renewalWindow('2025-08-31').graceEnds).to.equal('2026-02-28'));
    it('the window is exactly 12 months: 12 months after it opens is the day after expiry', () =>
      fc.assert(
        fc.property(dateArb, (start) => {
          const expiry = termEnd(start);
          const { opens, graceEnds } = renewalWindow(expiry);
          expect(addMonths(opens, 12)).to.equal(addDays(expiry, 1));
          expect(opens > start && opens <= expiry && graceEnds > expiry).to.equal(true);
        }),
      ));
  });

  describe('opposition period (Art. 33)', () => {
    it('ends three months after publication, on the corresponding day', () =>
      expect(oppositionPeriodEnd('2024-01-13')).to.equal('2024-04-13'));
    it('ends on the month’s last day when there is no corresponding day', () =>
      expect(oppositionPeriodEnd('2023-11-30')).to.equal('2024-02-29'));
  });

  describe('arithmetic', () => {
    it('adds days across a leap day', () => expect(addDays('2024-02-28', 2)).to.equal('2024-03-01'));
    it('clamps a month addition to the month end', () =>
      expect(addMonths('2024-01-31', 1)).to.equal('2024-02-29'));
    it('moves Feb 29 to Feb 28 when adding years', () =>
      expect(addYears('2016-02-29', 1)).to.equal('2017-02-28'));
    it('puts a Madrid expiry on the 10th anniversary', () =>
      expect(anniversary('2015-06-14', 10)).to.equal('2025-06-14'));
  });

  describe('today and the future', () => {
    it('counts today in Shanghai, not UTC', () =>
      expect(todayInShanghai(new Date('2024-12-31T16:30:00Z'))).to.equal('2025-01-01'));
    it('accepts today', () => assertNotFuture('2025-01-01', new Date('2024-12-31T16:30:00Z'), 'filedOn'));
    it('rejects a date after today in Shanghai, naming the field', () => {
      try {
        assertNotFuture('2025-01-02', new Date('2024-12-31T16:30:00Z'), 'filedOn');
        expect.fail('no error');
      } catch (e) {
        expect(isRegistryError(e) && e.code).to.equal('rule');
        expect(isRegistryError(e) && e.details.rule).to.equal('future-date');
        expect((e as Error).message).to.contain('filedOn');
      }
    });
  });

  describe('localDateSchema', () => {
    it('accepts a real date', () => expect(localDateSchema.parse('2024-02-29')).to.equal('2024-02-29'));
    for (const bad of ['2023-02-29', '2024-13-01', '2024-1-01', '20240101', '2024-01-01T00:00:00Z', ''])
      it(`rejects ${JSON.stringify(bad)} as not a real calendar date`, () => {
        const result = localDateSchema.safeParse(bad);
        expect(result.success).to.equal(false);
        expect(result.error?.issues[0]?.message).to.contain('real calendar date');
      });
  });
});
