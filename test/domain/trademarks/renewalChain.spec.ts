import { expect } from 'chai';
import fc from 'fast-check';
import { addDays, renewalWindow, termEnd } from '../../../src/domain/shared/dates.js';
import { isRegistryError } from '../../../src/domain/shared/errors.js';
import {
  trademarks,
  type TrademarkCommand,
  type TrademarkState,
} from '../../../src/domain/trademarks/index.js';
import { NUMBER, westLakeTea } from './fixtures.js';

// Far enough ahead that no generated date is "in the future".
const NOW = new Date('2200-01-01T12:00:00+08:00');

const registrationDateArb = fc
  .date({ min: new Date('1985-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

// Each renewal is filed somewhere between the window's first day and the end of grace (≈ 18 months).
const offsetsArb = fc.array(fc.integer({ min: 0, max: 560 }), { minLength: 1, maxLength: 6 });

const run = (commands: TrademarkCommand[], start: TrademarkState = trademarks.initialState): TrademarkState =>
  commands.reduce((s, c) => trademarks.decide(c, s, NOW).reduce(trademarks.evolve, s), start);

// Published 120 days before: the 3-month opposition period has always ended by the registration date.
const registeredOn = (registrationDate: string): TrademarkState => {
  const publicationDate = addDays(registrationDate, -120);
  return run([
    {
      type: 'FileTrademark',
      data: {
        number: NUMBER,
        markText: '龙井山',
        kind: 'ordinary',
        classes: [30],
        applicants: [westLakeTea],
        filingDate: addDays(publicationDate, -300),
      },
    },
    { type: 'ApproveTrademarkPreliminarily', data: { number: NUMBER, publicationDate } },
    { type: 'RegisterTrademark', data: { number: NUMBER, registrationDate } },
  ]);
};

const minDate = (a: string, b: string): string => (a < b ? a : b);

describe('trademark terms under renewal (property)', () => {
  it('every renewal chain keeps terms contiguous and each term follows the rule', () =>
    fc.assert(
      fc.property(registrationDateArb, offsetsArb, (registrationDate, offsets) => {
        let state = registeredOn(registrationDate);
        if (state.status !== 'registered') throw new Error('not registered');
        expect(state.expiryDate).to.equal(termEnd(registrationDate));
        for (const offset of offsets) {
          if (state.status !== 'registered') throw new Error(`unexpected ${state.status}`);
          const { opens, graceEnds } = renewalWindow(state.expiryDate);
          const filedOn = minDate(addDays(opens, offset), graceEnds);
          const [event] = trademarks.decide(
            { type: 'RenewTrademark', data: { number: NUMBER, filedOn } },
            state,
            NOW,
          );
          if (event?.type !== 'TrademarkRenewed') throw new Error('no renewal');
          const { previousExpiryDate, termStart, expiryDate, inGrace } = event.data;
          expect(previousExpiryDate).to.equal(state.expiryDate);
          expect(termStart).to.equal(addDays(previousExpiryDate, 1));
          expect(expiryDate).to.equal(termEnd(termStart));
          expect(inGrace).to.equal(filedOn > previousExpiryDate);
          state = trademarks.evolve(state, event);
        }
        expect(state.status === 'registered' && state.renewals).to.equal(offsets.length);
      }),
    ));

  it('a renewal filed before the window opens or after grace is always refused', () =>
    fc.assert(
      fc.property(
        registrationDateArb,
        fc.integer({ min: 1, max: 3000 }),
        fc.boolean(),
        (date, days, early) => {
          const state = registeredOn(date);
          if (state.status !== 'registered') throw new Error('not registered');
          const { opens, graceEnds } = renewalWindow(state.expiryDate);
          const filedOn = early ? addDays(opens, -days) : addDays(graceEnds, days);
          try {
            trademarks.decide({ type: 'RenewTrademark', data: { number: NUMBER, filedOn } }, state, NOW);
            expect.fail(`renewal filed ${filedOn} was accepted`);
          } catch (e) {
            if (!isRegistryError(e)) throw e;
            expect(e.details.rule).to.equal('renewal-window');
          }
        },
      ),
    ));
});
