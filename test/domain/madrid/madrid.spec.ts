import { expect } from 'chai';
import fc from 'fast-check';
import { addDays, anniversary } from '../../../src/domain/shared/dates.js';
import {
  isWithinDependencyPeriod,
  madridDecider,
  madridRenewalWindow,
  recordMadridRegistrationSchema,
  toMadridStreamId,
  type MadridCommand,
  type MadridEvent,
} from '../../../src/domain/madrid/index.js';
import { deciderSpec } from '../../support/deciderSpec.js';

const NOW = new Date('2027-01-15T10:00:00+08:00');
const spec = deciderSpec(madridDecider);

const holder = { name: '杭州娃哈哈集团有限公司', uscc: '91330100799655058B', district: '330102' } as const;
const irn = '1301234';
const base = { irn, holder };

const recordIr: MadridCommand = {
  type: 'RecordMadridRegistration',
  data: {
    irn,
    basicTrademarkNumber: '17654321',
    holder,
    registrationDate: '2016-02-29',
    designations: ['US', 'EM', 'JP'],
    classes: [29, 32],
  },
};

const irRecorded: MadridEvent = {
  type: 'MadridRegistrationRecorded',
  data: {
    irn,
    holder,
    basicTrademarkNumber: '17654321',
    registrationDate: '2016-02-29',
    expiryDate: '2026-02-28',
    dependencyEndsOn: '2021-02-28',
    designations: ['US', 'EM', 'JP'],
    classes: [29, 32],
  },
};

const renew = (filedOn: string): MadridCommand => ({
  type: 'RenewMadridRegistration',
  data: { irn, filedOn },
});
const renewed = (filedOn: string): MadridEvent => ({
  type: 'MadridRegistrationRenewed',
  data: {
    ...base,
    filedOn,
    previousExpiryDate: '2026-02-28',
    termStart: '2026-03-01',
    expiryDate: '2036-02-29',
  },
});
const cancel = (
  effectiveDate: string,
  reason: 'central-attack' | 'holder-request' | 'non-renewal' | 'other',
) => ({ type: 'CancelMadridRegistration', data: { irn, effectiveDate, reason } }) as MadridCommand;
const cancelled = (effectiveDate: string, reason: 'holder-request' | 'non-renewal'): MadridEvent => ({
  type: 'MadridRegistrationCancelled',
  data: { ...base, effectiveDate, reason },
});
const designate = (designations: string[], recordedOn: string): MadridCommand => ({
  type: 'RecordSubsequentDesignations',
  data: { irn, designations, recordedOn },
});
const centralAttack = (ceasedOn: string, basicTrademarkNumber = '17654321'): MadridCommand => ({
  type: 'CancelMadridForCentralAttack',
  data: { irn, basicTrademarkNumber, ceasedOn, cause: 'invalidated' },
});

describe('Madrid international registrations', () => {
  it('streams are named madrid-<irn>', () => {
    expect(madridDecider.category).to.equal('madrid');
    expect(toMadridStreamId(irn)).to.equal('madrid-1301234');
    expect(madridDecider.streamIdOf(recordIr)).to.equal('madrid-1301234');
  });

  describe('recording an IR', () => {
    it('a Madrid IR registered 2016-02-29 expires on its 10th anniversary, 2026-02-28', () =>
      spec.given([]).when(recordIr, NOW).then([irRecorded]));

    it('an IR expires on the anniversary itself: registered 2015-06-14, it expires 2025-06-14', () => {
      const [event] = madridDecider.decide(
        { ...recordIr, data: { ...recordIr.data, registrationDate: '2015-06-14' } } as MadridCommand,
        madridDecider.initialState,
        NOW,
      );
      expect(event?.data).to.include({ expiryDate: '2025-06-14', dependencyEndsOn: '2020-06-14' });
    });

    it('an IR number has 6 or 7 digits', () => {
      const parse = (value: string) =>
        recordMadridRegistrationSchema.safeParse({ ...recordIr.data, irn: value }).success;
      expect(parse('123456')).to.equal(true);
      expect(parse('1234567')).to.equal(true);
      expect(parse('12345')).to.equal(false);
      expect(parse('12345678')).to.equal(false);
      expect(parse('12a4567')).to.equal(false);
    });

    it('designations are WIPO ST.3 two-letter codes, each once', () => {
      const parse = (designations: string[]) =>
        recordMadridRegistrationSchema.safeParse({ ...recordIr.data, designations }).success;
      expect(parse(['US', 'EM', 'OA', 'BX'])).to.equal(true);
      expect(parse(['us'])).to.equal(false);
      expect(parse(['USA'])).to.equal(false);
      expect(parse(['US', 'US'])).to.equal(false);
      expect(parse([])).to.equal(false);
    });

    it('CN, the Office of origin of a Chinese basic mark, cannot be designated (Protocol Art. 3bis)', () =>
      spec
        .given([])
        .when({ ...recordIr, data: { ...recordIr.data, designations: ['US', 'CN'] } } as MadridCommand, NOW)
        .thenThrows('rule', 'office-of-origin'));

    it('refuses an IR date in the future', () =>
      spec
        .given([])
        .when(
          { ...recordIr, data: { ...recordIr.data, registrationDate: '2027-01-16' } } as MadridCommand,
          NOW,
        )
        .thenThrows('rule', 'future-date'));

    it('refuses to record the same IR again', () =>
      spec.given([irRecorded]).when(recordIr, NOW).thenThrows('rule', 'already-registered'));
  });

  describe('subsequent designations', () => {
    it('add Contracting Parties that expire with the IR; the IR stays one record', () => {
      spec
        .given([irRecorded])
        .when(designate(['KR', 'AU'], '2018-05-02'), NOW)
        .then([
          {
            type: 'MadridDesignationsRecorded',
            data: { ...base, designations: ['KR', 'AU'], recordedOn: '2018-05-02', expiryDate: '2026-02-28' },
          },
        ]);
      const state = [
        irRecorded,
        {
          type: 'MadridDesignationsRecorded',
          data: { ...base, designations: ['KR'], recordedOn: '2018-05-02', expiryDate: '2026-02-28' },
        } as MadridEvent,
      ].reduce(madridDecider.evolve, madridDecider.initialState);
      expect(state).to.deep.include({
        status: 'registered',
        irn,
        expiryDate: '2026-02-28',
        designations: [
          { code: 'US', designatedOn: '2016-02-29' },
          { code: 'EM', designatedOn: '2016-02-29' },
          { code: 'JP', designatedOn: '2016-02-29' },
          { code: 'KR', designatedOn: '2018-05-02' },
        ],
      });
    });

    it('are refused before the IR date, after expiry, for CN, and for a party already designated', () => {
      spec
        .given([irRecorded])
        .when(designate(['KR'], '2016-02-28'), NOW)
        .thenThrows('rule', 'before-registration');
      spec
        .given([irRecorded])
        .when(designate(['KR'], '2026-03-01'), NOW)
        .thenThrows('rule', 'expired');
      spec
        .given([irRecorded])
        .when(designate(['CN'], '2018-05-02'), NOW)
        .thenThrows('rule', 'office-of-origin');
      spec
        .given([irRecorded])
        .when(designate(['KR', 'JP'], '2018-05-02'), NOW)
        .thenThrows('rule', 'already-designated');
    });

    it('are refused on a cancelled IR', () =>
      spec
        .given([irRecorded, cancelled('2017-01-01', 'holder-request')])
        .when(designate(['KR'], '2018-05-02'), NOW)
        .thenThrows('rule', 'cancelled'));
  });

  describe('renewal', () => {
    it('renewal may be paid from six months before expiry (Rule 30(1)(b)) to the end of six months grace', () => {
      expect(madridRenewalWindow('2026-02-28')).to.deep.equal({
        opens: '2025-08-28',
        graceEnds: '2026-08-28',
      });
      spec
        .given([irRecorded])
        .when(renew('2025-08-28'), NOW)
        .then([renewed('2025-08-28')]);
      spec
        .given([irRecorded])
        .when(renew('2026-08-28'), NOW)
        .then([renewed('2026-08-28')]);
    });

    it('rejects a renewal paid seven months before expiry or after grace', () => {
      spec.given([irRecorded]).when(renew('2025-08-27'), NOW).thenThrows('rule', 'renewal-window');
      spec.given([irRecorded]).when(renew('2026-08-29'), NOW).thenThrows('rule', 'renewal-window');
    });

    it('each renewed term ends on an anniversary of the IR date: 2016-02-29 → 2036-02-29 → 2046-02-28', () => {
      spec
        .given([irRecorded])
        .when(renew('2026-01-10'), NOW)
        .then([renewed('2026-01-10')]);
      spec
        .given([irRecorded, renewed('2026-01-10')])
        .when(renew('2036-01-10'), new Date('2036-01-10T12:00:00+08:00'))
        .then([
          {
            type: 'MadridRegistrationRenewed',
            data: {
              ...base,
              filedOn: '2036-01-10',
              previousExpiryDate: '2036-02-29',
              termStart: '2036-03-01',
              expiryDate: '2046-02-28',
            },
          },
        ]);
    });

    it('refuses a renewal dated in the future', () =>
      spec
        .given([irRecorded])
        .when(renew('2026-01-10'), new Date('2026-01-09T12:00:00+08:00'))
        .thenThrows('rule', 'future-date'));

    it('a renewal paid in grace but recorded after the non-renewal cancellation undoes it', () =>
      spec
        .given([irRecorded, cancelled('2026-03-01', 'non-renewal')])
        .when(renew('2026-08-01'), NOW)
        .then([
          { type: 'MadridCancellationUndone', data: { ...base, cancelledOn: '2026-03-01' } },
          renewed('2026-08-01'),
        ]));

    it('refuses to renew an IR cancelled for another reason', () =>
      spec
        .given([irRecorded, cancelled('2025-01-01', 'holder-request')])
        .when(renew('2026-01-10'), NOW)
        .thenThrows('rule', 'cancelled'));
  });

  describe('cancellation', () => {
    it('records a cancellation at the holder’s request', () =>
      spec
        .given([irRecorded])
        .when(cancel('2020-01-01', 'holder-request'), NOW)
        .then([cancelled('2020-01-01', 'holder-request')]));

    it('refuses a cancellation before the IR date, in the future, or twice', () => {
      spec
        .given([irRecorded])
        .when(cancel('2016-01-01', 'other'), NOW)
        .thenThrows('rule', 'before-registration');
      spec.given([irRecorded]).when(cancel('2027-02-01', 'other'), NOW).thenThrows('rule', 'future-date');
      spec
        .given([irRecorded, cancelled('2020-01-01', 'holder-request')])
        .when(cancel('2021-01-01', 'other'), NOW)
        .thenThrows('rule', 'already-cancelled');
    });

    it('non-renewal is recorded only after grace, effective the day after expiry', () => {
      spec
        .given([irRecorded])
        .when(cancel('2026-03-01', 'non-renewal'), new Date('2026-08-28T12:00:00+08:00'))
        .thenThrows('rule', 'renewal-grace');
      spec
        .given([irRecorded])
        .when(cancel('2026-09-01', 'non-renewal'), NOW)
        .thenThrows('rule', 'non-renewal-date');
      spec
        .given([irRecorded])
        .when(cancel('2026-03-01', 'non-renewal'), NOW)
        .then([cancelled('2026-03-01', 'non-renewal')]);
    });
  });

  describe('dependency on the basic mark (Art. 6(3))', () => {
    it('the dependency period runs five years, to the fifth anniversary of the IR date', () => {
      expect(isWithinDependencyPeriod('2016-02-29', '2021-02-28')).to.equal(true);
      expect(isWithinDependencyPeriod('2016-02-29', '2021-03-01')).to.equal(false);
      expect(isWithinDependencyPeriod('2020-04-16', '2025-04-16')).to.equal(true);
      expect(isWithinDependencyPeriod('2020-04-16', '2025-04-17')).to.equal(false);
      expect(isWithinDependencyPeriod('2020-04-16', '2019-01-01')).to.equal(true);
    });

    it('every IR date: dependent through its fifth anniversary, independent from the day after', () => {
      const day = fc
        .date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2040-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString().slice(0, 10));
      fc.assert(
        fc.property(day, (irDate) => {
          const fifth = anniversary(irDate, 5);
          expect(isWithinDependencyPeriod(irDate, irDate)).to.equal(true);
          expect(isWithinDependencyPeriod(irDate, fifth)).to.equal(true);
          expect(isWithinDependencyPeriod(irDate, addDays(fifth, 1))).to.equal(false);
        }),
      );
    });

    it('a basic mark ceasing inside five years cancels the IR by central attack, recording the cause', () =>
      spec
        .given([irRecorded])
        .when(centralAttack('2019-07-01'), NOW)
        .then([
          {
            type: 'MadridRegistrationCancelled',
            data: {
              ...base,
              effectiveDate: '2019-07-01',
              reason: 'central-attack',
              basicTrademarkNumber: '17654321',
              basicMarkCeasedOn: '2019-07-01',
              cause: 'invalidated',
            },
          },
        ]));

    it('a basic mark deemed never to have existed takes the IR with it from the IR date', () => {
      const [event] = madridDecider.decide(
        centralAttack('2015-03-01'),
        madridDecider.evolve(madridDecider.initialState, irRecorded),
        NOW,
      );
      expect(event?.data).to.include({ effectiveDate: '2016-02-29', basicMarkCeasedOn: '2015-03-01' });
    });

    it('a basic mark ceasing after five years leaves the IR alone', () =>
      spec
        .given([irRecorded])
        .when(centralAttack('2021-03-01'), NOW)
        .thenThrows('rule', 'dependency-period'));

    it('only the IR’s own basic mark can attack it', () =>
      spec
        .given([irRecorded])
        .when(centralAttack('2019-07-01', '99999999'), NOW)
        .thenThrows('rule', 'basic-mark-mismatch'));

    it('a central attack on an IR already cancelled records nothing, so the policy may rerun', () =>
      spec
        .given([irRecorded, cancelled('2018-01-01', 'holder-request')])
        .when(centralAttack('2019-07-01'), NOW)
        .then([]));
  });

  it('commands on an unknown IR are not found', () => {
    spec.given([]).when(renew('2025-09-01'), NOW).thenThrows('not-found');
    spec
      .given([])
      .when(designate(['KR'], '2018-05-02'), NOW)
      .thenThrows('not-found');
    spec.given([]).when(cancel('2020-01-01', 'other'), NOW).thenThrows('not-found');
    spec.given([]).when(centralAttack('2019-07-01'), NOW).thenThrows('not-found');
  });

  it('state is JSON-plain and follows cancellation and its undoing', () => {
    const fold = (events: MadridEvent[]) => events.reduce(madridDecider.evolve, madridDecider.initialState);
    const gone = fold([irRecorded, cancelled('2026-03-01', 'non-renewal')]);
    expect(gone).to.include({ status: 'cancelled', cancelledOn: '2026-03-01', reason: 'non-renewal' });
    const back = fold([
      irRecorded,
      cancelled('2026-03-01', 'non-renewal'),
      { type: 'MadridCancellationUndone', data: { ...base, cancelledOn: '2026-03-01' } },
      renewed('2026-08-01'),
    ]);
    expect(back).to.include({ status: 'registered', expiryDate: '2036-02-29', renewals: 1 });
    expect(back).not.to.have.property('cancelledOn');
    expect(JSON.parse(JSON.stringify(back))).to.deep.equal(back);
  });

  it('each event carries its legal date', () => {
    expect(madridDecider.effectiveDateOf(irRecorded)).to.equal('2016-02-29');
    expect(madridDecider.effectiveDateOf(renewed('2026-01-10'))).to.equal('2026-03-01');
    expect(madridDecider.effectiveDateOf(cancelled('2020-01-01', 'holder-request'))).to.equal('2020-01-01');
  });
});
