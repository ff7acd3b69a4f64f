import { expect } from 'chai';
import {
  recordTrademarkLicenceSchema,
  trademarkCeasedOn,
  trademarks,
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
  qiantangFoods,
  registered,
  registeredHistory,
  renewed,
  westLakeTea,
} from './fixtures.js';

const spec = deciderSpec(trademarks);
const NOW = new Date('2030-01-01T12:00:00+08:00');
const stateAfter = (events: TrademarkEvent[]): TrademarkState =>
  events.reduce(trademarks.evolve, trademarks.initialState);
const renew = (filedOn: string) => cmd('RenewTrademark', { filedOn });
const firstTerm = { previousExpiryDate: '2025-06-13', termStart: '2025-06-14', expiryDate: '2035-06-13' };

describe('trademark register: how a registration ends, changes hands and is licensed', () => {
  describe('revocation (Art. 49, 55)', () => {
    const revoke = (effectiveDate: string, ground: 'non-use' | 'generic' | 'other') =>
      cmd('RevokeTrademark', { effectiveDate, ground });
    const revokedOn = (effectiveDate: string, ground: 'non-use' | 'generic' | 'other'): TrademarkEvent => ({
      type: 'TrademarkRevoked',
      data: {
        number: NUMBER,
        effectiveDate,
        ground,
        registrationDate: '2015-06-14',
        holder: westLakeTea,
        classes: [30, 35, 43],
      },
    });
    it('rejects a non-use revocation before 3 years have passed since registration', () =>
      spec
        .given(registeredHistory)
        .when(revoke('2018-06-13', 'non-use'), NOW)
        .thenThrows('rule', 'non-use-3-years'));
    it('accepts a non-use revocation once 3 years have passed', () =>
      spec
        .given(registeredHistory)
        .when(revoke('2018-06-14', 'non-use'), NOW)
        .then([revokedOn('2018-06-14', 'non-use')]));
    it('accepts revocation on other grounds at any time after registration', () =>
      spec
        .given(registeredHistory)
        .when(revoke('2016-01-01', 'generic'), NOW)
        .then([revokedOn('2016-01-01', 'generic')]));
    it('a revocation takes effect from its date, not retroactively', () => {
      const event = revokedOn('2019-03-01', 'non-use');
      expect(trademarks.effectiveDateOf(event)).to.equal('2019-03-01');
      expect(trademarkCeasedOn(event)).to.equal('2019-03-01');
      const state = stateAfter([...registeredHistory, event]);
      expect(state.status === 'revoked' && state.registrationDate).to.equal('2015-06-14');
    });
    it('a revoked mark cannot be renewed', () =>
      spec
        .given([...registeredHistory, revokedOn('2019-03-01', 'non-use')])
        .when(renew('2024-07-01'), NOW)
        .thenThrows('rule', 'lifecycle'));
  });

  describe('invalidation (Art. 44, 45, 47)', () => {
    const invalidate = (requestedOn: string, ground: 'absolute' | 'relative', decidedOn = '2024-06-01') =>
      cmd('InvalidateTrademark', { requestedOn, decidedOn, ground });
    const invalidated = (
      requestedOn: string,
      ground: 'absolute' | 'relative',
      decidedOn = '2024-06-01',
    ): TrademarkEvent => ({
      type: 'TrademarkInvalidated',
      data: {
        number: NUMBER,
        requestedOn,
        decidedOn,
        ground,
        registrationDate: '2015-06-14',
        holder: westLakeTea,
        classes: [30, 35, 43],
      },
    });
    it('rejects relative-grounds invalidation requested more than 5 years after registration', () =>
      spec
        .given(registeredHistory)
        .when(invalidate('2020-06-14', 'relative'), NOW)
        .thenThrows('rule', 'relative-grounds-5-years'));
    it('accepts relative grounds requested on the last day of the 5 years', () =>
      spec
        .given(registeredHistory)
        .when(invalidate('2020-06-13', 'relative'), NOW)
        .then([invalidated('2020-06-13', 'relative')]));
    it('accepts absolute grounds at any time', () =>
      spec
        .given(registeredHistory)
        .when(invalidate('2024-01-01', 'absolute'), NOW)
        .then([invalidated('2024-01-01', 'absolute')]));
    it('an invalidated registration ceases as from its registration date', () => {
      const event = invalidated('2024-01-01', 'absolute');
      expect(trademarkCeasedOn(event)).to.equal('2015-06-14');
      expect(trademarks.effectiveDateOf(event)).to.equal('2015-06-14');
    });
    it('a registration that has since lapsed can still be invalidated, but only once', () => {
      spec
        .given([...registeredHistory, lapsed])
        .when(invalidate('2024-01-01', 'absolute', '2026-01-10'), NOW)
        .then([invalidated('2024-01-01', 'absolute', '2026-01-10')]);
      spec
        .given([...registeredHistory, invalidated('2024-01-01', 'absolute')])
        .when(invalidate('2024-01-01', 'absolute'), NOW)
        .thenThrows('rule', 'lifecycle');
    });
    it('rejects a request dated before registration', () =>
      spec
        .given(registeredHistory)
        .when(invalidate('2015-01-01', 'absolute'), NOW)
        .thenThrows('rule', 'date-order'));
  });

  describe('surrender, assignment and licences (Art. 42, 43)', () => {
    it('a surrender takes effect on the day the office received it', () => {
      const event: TrademarkEvent = {
        type: 'TrademarkSurrendered',
        data: {
          number: NUMBER,
          effectiveDate: '2021-04-01',
          registrationDate: '2015-06-14',
          holder: westLakeTea,
          classes: [30, 35, 43],
        },
      };
      spec
        .given(registeredHistory)
        .when(cmd('SurrenderTrademark', { effectiveDate: '2021-04-01' }), NOW)
        .then([event]);
      expect(trademarkCeasedOn(event)).to.equal('2021-04-01');
      spec
        .given([...registeredHistory, event])
        .when(renew('2024-07-01'), NOW)
        .thenThrows('rule', 'lifecycle');
    });
    it('an assignment moves holder and district from the announcement date', () => {
      const event: TrademarkEvent = {
        type: 'TrademarkAssigned',
        data: {
          number: NUMBER,
          announcedOn: '2021-05-07',
          previousHolder: westLakeTea,
          holder: qiantangFoods,
          holders: [qiantangFoods],
          classes: [30, 35, 43],
        },
      };
      spec
        .given(registeredHistory)
        .when(cmd('AssignTrademark', { assignee: qiantangFoods, announcedOn: '2021-05-07' }), NOW)
        .then([event]);
      const state = stateAfter([...registeredHistory, event]);
      expect(state.status === 'registered' && [state.holder.district, state.holderSince]).to.deep.equal([
        '330114',
        '2021-05-07',
      ]);
      expect(trademarks.effectiveDateOf(event)).to.equal('2021-05-07');
      spec
        .given([...registeredHistory, event])
        .when(cmd('AssignTrademark', { assignee: westLakeTea, announcedOn: '2021-05-06' }), NOW)
        .thenThrows('rule', 'date-order');
    });
    it('a licence is recorded without any change of ownership', () => {
      const licence = {
        licensee: qiantangFoods,
        recordedOn: '2020-01-10',
        from: '2020-01-01',
        to: '2024-12-31',
      };
      const event: TrademarkEvent = {
        type: 'TrademarkLicenceRecorded',
        data: { number: NUMBER, ...licence },
      };
      spec.given(registeredHistory).when(cmd('RecordTrademarkLicence', licence), NOW).then([event]);
      const state = stateAfter([...registeredHistory, event]);
      expect(state.status === 'registered' && [state.holder, state.licences.length]).to.deep.equal([
        westLakeTea,
        1,
      ]);
    });
    it('rejects a licence running past the registration’s term', () =>
      spec
        .given(registeredHistory)
        .when(
          cmd('RecordTrademarkLicence', {
            licensee: qiantangFoods,
            recordedOn: '2020-01-10',
            from: '2020-01-01',
            to: '2025-06-14',
          }),
          NOW,
        )
        .thenThrows('rule', 'licence-term'));
    it('rejects a licence body that ends before it starts', () =>
      expect(
        recordTrademarkLicenceSchema.safeParse({
          number: NUMBER,
          licensee: qiantangFoods,
          recordedOn: '2020-01-10',
          from: '2020-01-01',
          to: '2019-12-31',
        }).success,
      ).to.equal(false));
  });

  describe('cessation dates for the Madrid dependency policy', () => {
    it('gives the day after expiry for a lapse, the refusal date for a refusal, and nothing for other events', () => {
      expect(trademarkCeasedOn(lapsed)).to.equal('2025-06-14');
      expect(
        trademarkCeasedOn({
          type: 'TrademarkRefused',
          data: {
            number: NUMBER,
            refusedOn: '2016-01-20',
            reason: 'opposition-upheld',
            holder: westLakeTea,
            classes: [30],
          },
        }),
      ).to.equal('2016-01-20');
      expect(trademarkCeasedOn(registered())).to.equal(undefined);
      expect(trademarkCeasedOn(renewed('2024-07-01', firstTerm))).to.equal(undefined);
    });
    it('dates every event by its legal effect', () => {
      expect(trademarks.effectiveDateOf(filed)).to.equal('2014-03-01');
      expect(trademarks.effectiveDateOf(approved())).to.equal('2015-02-13');
      expect(trademarks.effectiveDateOf(registered())).to.equal('2015-06-14');
      expect(trademarks.effectiveDateOf(renewed('2024-07-01', firstTerm))).to.equal('2025-06-14');
      expect(trademarks.effectiveDateOf(lapsed)).to.equal('2025-06-14');
    });
  });
});
