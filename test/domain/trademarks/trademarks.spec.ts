import { expect } from 'chai';
import {
  fileTrademarkSchema,
  toTrademarkStreamId,
  trademarks,
  type TrademarkCommand,
  type TrademarkEvent,
  type TrademarkState,
} from '../../../src/domain/trademarks/index.js';
import { deciderSpec } from '../../support/deciderSpec.js';
import {
  NUMBER,
  approved,
  cmd,
  filed,
  lapsed,
  registered,
  registeredHistory,
  renewed,
  westLakeTea,
} from './fixtures.js';

const spec = deciderSpec(trademarks);
const NOW = new Date('2030-01-01T12:00:00+08:00');
const stateAfter = (events: TrademarkEvent[]): TrademarkState =>
  events.reduce(trademarks.evolve, trademarks.initialState);

const file = cmd('FileTrademark', {
  markText: '龙井山',
  kind: 'ordinary',
  classes: [30, 35, 43],
  applicants: [westLakeTea],
  filingDate: '2014-03-01',
});
const register = (registrationDate: string) => cmd('RegisterTrademark', { registrationDate });
const renew = (filedOn: string) => cmd('RenewTrademark', { filedOn });
const lapseAsOf = (asOf: string) => cmd('RecordTrademarkLapse', { asOf });
const oppose = (filedOn: string) => cmd('OpposeTrademark', { filedOn, opponent: '杭州龙井山茶社' });
const opposed = (filedOn: string): TrademarkEvent => ({
  type: 'TrademarkOpposed',
  data: { number: NUMBER, filedOn, opponent: '杭州龙井山茶社', oppositionPeriodEnds: '2015-05-13' },
});
const decided = (outcome: 'rejected' | 'upheld', decidedOn = '2016-01-20'): TrademarkEvent => ({
  type: 'TrademarkOppositionDecided',
  data: { number: NUMBER, decidedOn, outcome, oppositionFiledOn: '2015-04-01', opponent: '杭州龙井山茶社' },
});
const firstTerm = { previousExpiryDate: '2025-06-13', termStart: '2025-06-14', expiryDate: '2035-06-13' };

describe('trademark register', () => {
  it('streams are trademark-<number> in category trademark', () => {
    expect(trademarks.category).to.equal('trademark');
    expect(toTrademarkStreamId(NUMBER)).to.equal('trademark-14567890');
    expect(trademarks.streamIdOf(file)).to.equal('trademark-14567890');
  });

  describe('filing', () => {
    it('records a filing, the first applicant placing the mark in a district', () =>
      spec.given([]).when(file, NOW).then([filed]));
    it('rejects recording an existing number again', () =>
      spec.given([filed]).when(file, NOW).thenThrows('rule', 'already-recorded'));
    it('a command on an unrecorded number is not found', () =>
      spec.given([]).when(register('2015-06-14'), NOW).thenThrows('not-found'));
    it('refuses a filing date in the future as counted in Shanghai', () => {
      const lateEvening = new Date('2024-12-31T16:30:00Z'); // 2025-01-01 00:30 in Shanghai
      const on = (filingDate: string): TrademarkCommand => ({ ...file, data: { ...file.data, filingDate } });
      spec.given([]).when(on('2025-01-02'), lateEvening).thenThrows('rule', 'future-date');
      expect(trademarks.decide(on('2025-01-01'), trademarks.initialState, lateEvening)).to.have.length(1);
    });
    it('a multi-class application is one registration with several classes', () => {
      const events = [...registeredHistory];
      expect(events.filter((e) => e.type === 'TrademarkRegistered')).to.have.length(1);
      const state = stateAfter(events);
      expect(state.status === 'registered' && state.classes).to.deep.equal([30, 35, 43]);
    });
    it('validates the filing body: kind defaults to ordinary, classes 1–45 once each, valid USCCs', () => {
      const body = {
        number: NUMBER,
        markText: '龙井山',
        classes: [30],
        applicants: [westLakeTea],
        filingDate: '2014-03-01',
      };
      expect(fileTrademarkSchema.parse(body).kind).to.equal('ordinary');
      expect(fileTrademarkSchema.safeParse({ ...body, classes: [46] }).success).to.equal(false);
      expect(fileTrademarkSchema.safeParse({ ...body, classes: [30, 30] }).success).to.equal(false);
      expect(fileTrademarkSchema.safeParse({ ...body, classes: [] }).success).to.equal(false);
      expect(fileTrademarkSchema.safeParse({ ...body, number: 'TM-1' }).success).to.equal(false);
      const badUscc = { ...westLakeTea, uscc: '91330100799655058C' };
      expect(fileTrademarkSchema.safeParse({ ...body, applicants: [badUscc] }).success).to.equal(false);
      expect(fileTrademarkSchema.safeParse({ ...body, filingDate: '2014-02-30' }).success).to.equal(false);
    });
  });

  describe('preliminary approval and opposition (Art. 33)', () => {
    it('publishes with the last day of the 3-month opposition period', () =>
      spec
        .given([filed])
        .when(cmd('ApproveTrademarkPreliminarily', { publicationDate: '2015-02-13' }), NOW)
        .then([approved()]));
    it('rejects a publication dated before the filing', () =>
      spec
        .given([filed])
        .when(cmd('ApproveTrademarkPreliminarily', { publicationDate: '2014-02-01' }), NOW)
        .thenThrows('rule', 'date-order'));
    it('follows the lifecycle: no registration before preliminary approval', () =>
      spec.given([filed]).when(register('2015-06-14'), NOW).thenThrows('rule', 'lifecycle'));
    it('accepts an opposition on the last day of the period', () =>
      spec
        .given([filed, approved()])
        .when(oppose('2015-05-13'), NOW)
        .then([opposed('2015-05-13')]));
    it('rejects an opposition filed after the opposition period', () =>
      spec
        .given([filed, approved()])
        .when(oppose('2015-05-14'), NOW)
        .thenThrows('rule', 'opposition-period'));
    it('rejects an opposition filed before publication', () =>
      spec
        .given([filed, approved()])
        .when(oppose('2015-02-12'), NOW)
        .thenThrows('rule', 'opposition-period'));
    it('an undecided opposition blocks registration', () =>
      spec
        .given([filed, approved(), opposed('2015-04-01')])
        .when(register('2016-01-20'), NOW)
        .thenThrows('rule', 'opposition-pending'));
    it('a rejected opposition lets registration proceed', () =>
      spec
        .given([filed, approved(), opposed('2015-04-01'), decided('rejected')])
        .when(register('2015-05-14'), NOW)
        .then([registered('2015-05-14', '2025-05-13')]));
    it('an upheld opposition refuses the mark', () =>
      spec
        .given([filed, approved(), opposed('2015-04-01')])
        .when(cmd('DecideTrademarkOpposition', { decidedOn: '2016-01-20', outcome: 'upheld' }), NOW)
        .then([
          decided('upheld'),
          {
            type: 'TrademarkRefused',
            data: {
              number: NUMBER,
              refusedOn: '2016-01-20',
              reason: 'opposition-upheld',
              holder: westLakeTea,
              classes: [30, 35, 43],
            },
          },
        ]));
    it('a refused mark cannot be registered', () => {
      const history = [filed, approved(), opposed('2015-04-01')];
      const refusal = trademarks.decide(
        cmd('DecideTrademarkOpposition', { decidedOn: '2016-01-20', outcome: 'upheld' }),
        stateAfter(history),
        NOW,
      );
      expect(stateAfter([...history, ...refusal]).status).to.equal('refused');
      spec
        .given([...history, ...refusal])
        .when(register('2016-02-01'), NOW)
        .thenThrows('rule', 'lifecycle');
    });
    it('rejects a decision when no opposition is pending', () =>
      spec
        .given([filed, approved()])
        .when(cmd('DecideTrademarkOpposition', { decidedOn: '2015-06-01', outcome: 'rejected' }), NOW)
        .thenThrows('rule', 'no-pending-opposition'));
  });

  describe('registration and term (Art. 39)', () => {
    it('rejects a registration before the opposition period has ended', () =>
      spec
        .given([filed, approved()])
        .when(register('2015-05-13'), NOW)
        .thenThrows('rule', 'opposition-period'));
    it('registers the day after the opposition period with a 10-year term', () =>
      spec.given([filed, approved()]).when(register('2015-06-14'), NOW).then([registered()]));
    it('a term from 2016-02-29 ends 2026-02-28', () =>
      spec
        .given([filed, approved('2015-11-27', '2016-02-27')])
        .when(register('2016-02-29'), NOW)
        .then([registered('2016-02-29', '2026-02-28')]));
    it('a term from 2020-03-31 ends 2030-03-30', () =>
      spec
        .given([filed, approved('2019-12-27', '2020-03-27')])
        .when(register('2020-03-31'), NOW)
        .then([registered('2020-03-31', '2030-03-30')]));
    it('refuses a registration date in the future', () =>
      spec
        .given([filed, approved()])
        .when(register('2015-06-14'), new Date('2015-06-13T12:00:00+08:00'))
        .thenThrows('rule', 'future-date'));
  });

  describe('renewal (Art. 40)', () => {
    it('rejects a renewal filed 13 months before expiry', () =>
      spec.given(registeredHistory).when(renew('2024-05-13'), NOW).thenThrows('rule', 'renewal-window'));
    it('rejects a renewal the day before the 12-month window opens', () =>
      spec.given(registeredHistory).when(renew('2024-06-13'), NOW).thenThrows('rule', 'renewal-window'));
    it('accepts a renewal on the first day of the 12 months before expiry', () =>
      spec
        .given(registeredHistory)
        .when(renew('2024-06-14'), NOW)
        .then([renewed('2024-06-14', firstTerm)]));
    it('the new term starts the day after the previous ended, by the same rule (2026-02-28 → 2036-02-29)', () =>
      spec
        .given([filed, approved('2015-11-27', '2016-02-27'), registered('2016-02-29', '2026-02-28')])
        .when(renew('2025-12-01'), NOW)
        .then([
          renewed(
            '2025-12-01',
            {
              previousExpiryDate: '2026-02-28',
              termStart: '2026-03-01',
              expiryDate: '2036-02-29',
            },
            { registrationDate: '2016-02-29' },
          ),
        ]));
    it('a renewal in grace continues the term from the day after expiry', () =>
      spec
        .given(registeredHistory)
        .when(renew('2025-08-01'), NOW)
        .then([renewed('2025-08-01', firstTerm, { inGrace: true })]));
    it('accepts a renewal on the last day of grace', () =>
      spec
        .given(registeredHistory)
        .when(renew('2025-12-13'), NOW)
        .then([renewed('2025-12-13', firstTerm, { inGrace: true })]));
    it('rejects a renewal filed after the grace period', () =>
      spec.given(registeredHistory).when(renew('2025-12-14'), NOW).thenThrows('rule', 'renewal-window'));
    it('a second renewal for the same term is too early for the next window', () =>
      spec
        .given([...registeredHistory, renewed('2024-07-01', firstTerm)])
        .when(renew('2025-01-01'), NOW)
        .thenThrows('rule', 'renewal-window'));
    it('refuses a renewal dated in the future', () =>
      spec
        .given(registeredHistory)
        .when(renew('2025-01-02'), new Date('2025-01-01T08:00:00+08:00'))
        .thenThrows('rule', 'future-date'));
  });

  describe('lapse (注销)', () => {
    it('records nothing while the grace period has not ended', () =>
      spec.given(registeredHistory).when(lapseAsOf('2025-12-12'), NOW).then([]));
    it('lapses once grace ended on or before asOf, effective the day after expiry', () =>
      spec.given(registeredHistory).when(lapseAsOf('2025-12-14'), NOW).then([lapsed]));
    it('does not lapse a renewed mark', () =>
      spec
        .given([...registeredHistory, renewed('2024-07-01', firstTerm)])
        .when(lapseAsOf('2026-01-01'), NOW)
        .then([]));
    it('records a lapse once', () =>
      spec
        .given([...registeredHistory, lapsed])
        .when(lapseAsOf('2026-01-01'), NOW)
        .then([]));
    it('a renewal filed in time but recorded after the lapse is accepted and undoes the lapse', () => {
      const undo = renewed('2025-12-01', firstTerm, { inGrace: true, lapseUndone: true });
      spec
        .given([...registeredHistory, lapsed])
        .when(renew('2025-12-01'), NOW)
        .then([undo]);
      const state = stateAfter([...registeredHistory, lapsed, undo]);
      expect(state.status).to.equal('registered');
      expect(state.status === 'registered' && state.expiryDate).to.equal('2035-06-13');
    });
    it('a lapsed mark cannot be renewed by a filing after grace', () =>
      spec
        .given([...registeredHistory, lapsed])
        .when(renew('2025-12-20'), NOW)
        .thenThrows('rule', 'renewal-window'));
  });
});
