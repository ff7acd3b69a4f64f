import { expect } from 'chai';
import { renewalWindow } from '../../../src/domain/shared/dates.js';
import {
  giDecider,
  registerGiSchema,
  toGiStreamId,
  type GiCommand,
  type GiEvent,
} from '../../../src/domain/geographicalIndications/index.js';
import { deciderSpec } from '../../support/deciderSpec.js';

const NOW = new Date('2027-01-15T10:00:00+08:00');
const spec = deciderSpec(giDecider);

const holder = {
  name: '杭州市西湖区龙井茶产业协会',
  uscc: '91330100799655058B',
  district: '330106',
} as const;

const registerMark: GiCommand = {
  type: 'RegisterGi',
  data: {
    id: 'luniao-milli',
    name: '鸬鸟蜜梨',
    product: '梨',
    route: 'certification-mark',
    holder,
    registeredOn: '2016-02-29',
    trademarkNumber: '12345678',
  },
};

const markRegistered: GiEvent = {
  type: 'GiRegistered',
  data: {
    id: 'luniao-milli',
    name: '鸬鸟蜜梨',
    product: '梨',
    route: 'certification-mark',
    holder,
    registeredOn: '2016-02-29',
    trademarkNumber: '12345678',
    expiryDate: '2026-02-28',
  },
};

const productRegistered: GiEvent = {
  type: 'GiRegistered',
  data: {
    id: 'xihu-longjing',
    name: '西湖龙井',
    product: '茶叶',
    route: 'gi-product',
    holder,
    registeredOn: '2001-10-01',
  },
};

const base = { id: 'luniao-milli', route: 'certification-mark' as const, holder };
const renew = (filedOn: string): GiCommand => ({ type: 'RenewGi', data: { id: 'luniao-milli', filedOn } });
const renewed = (filedOn: string): GiEvent => ({
  type: 'GiRenewed',
  data: {
    ...base,
    filedOn,
    previousExpiryDate: '2026-02-28',
    termStart: '2026-03-01',
    expiryDate: '2036-02-29',
  },
});
const lapseAsOf = (asOf: string): GiCommand => ({
  type: 'RecordGiLapse',
  data: { id: 'luniao-milli', asOf },
});
const lapsed: GiEvent = {
  type: 'GiLapsed',
  data: {
    ...base,
    expiryDate: '2026-02-28',
    graceEndedOn: '2026-08-28',
    lapsedOn: '2026-03-01',
    asOf: '2026-09-01',
  },
};

describe('geographical indications', () => {
  it('streams are named gi-<id>', () => {
    expect(giDecider.category).to.equal('gi');
    expect(toGiStreamId('luniao-milli')).to.equal('gi-luniao-milli');
    expect(giDecider.streamIdOf(registerMark)).to.equal('gi-luniao-milli');
  });

  describe('registration', () => {
    it('a mark-route GI registered 2016-02-29 gets a ten-year term ending 2026-02-28 (trademark term rule)', () =>
      spec.given([]).when(registerMark, NOW).then([markRegistered]));

    it('a collective-mark or certification-mark GI needs the number of its mark', () => {
      const { trademarkNumber: _omitted, ...withoutNumber } = registerMark.data as Record<string, unknown>;
      expect(registerGiSchema.safeParse(withoutNumber).success).to.equal(false);
      expect(registerGiSchema.safeParse({ ...withoutNumber, route: 'collective-mark' }).success).to.equal(
        false,
      );
      expect(registerGiSchema.safeParse({ ...withoutNumber, route: 'gi-product' }).success).to.equal(true);
    });

    it('a gi-product is registered without a term', () =>
      spec
        .given([])
        .when(
          {
            type: 'RegisterGi',
            data: {
              id: 'xihu-longjing',
              name: '西湖龙井',
              product: '茶叶',
              route: 'gi-product',
              holder,
              registeredOn: '2001-10-01',
            },
          },
          NOW,
        )
        .then([productRegistered]));

    it('refuses a registration dated in the future (Shanghai time)', () =>
      spec
        .given([])
        .when(
          { ...registerMark, data: { ...registerMark.data, registeredOn: '2027-01-16' } } as GiCommand,
          NOW,
        )
        .thenThrows('rule', 'future-date'));

    it('judges "future" by the date in Shanghai, not UTC', () =>
      // 2027-01-15T17:00Z is already the 16th in Shanghai.
      spec
        .given([])
        .when(
          { ...registerMark, data: { ...registerMark.data, registeredOn: '2027-01-16' } } as GiCommand,
          new Date('2027-01-15T17:00:00Z'),
        )
        .then([
          {
            ...markRegistered,
            data: { ...markRegistered.data, registeredOn: '2027-01-16', expiryDate: '2037-01-15' },
          },
        ] as GiEvent[]));

    it('refuses to register an existing GI again', () =>
      spec.given([markRegistered]).when(registerMark, NOW).thenThrows('rule', 'already-registered'));
  });

  describe('renewal', () => {
    it('a renewal in the 12 months before expiry starts the new term the day after expiry (2026-03-01 … 2036-02-29)', () =>
      spec
        .given([markRegistered])
        .when(renew('2025-06-01'), NOW)
        .then([renewed('2025-06-01')]));

    it('rejects a renewal filed 13 months before expiry', () =>
      spec.given([markRegistered]).when(renew('2025-01-28'), NOW).thenThrows('rule', 'renewal-window'));

    it('accepts a renewal on the first day of the window and on the last day of grace', () => {
      const { opens, graceEnds } = renewalWindow('2026-02-28');
      spec
        .given([markRegistered])
        .when(renew(opens), NOW)
        .then([renewed(opens)]);
      spec
        .given([markRegistered])
        .when(renew(graceEnds), NOW)
        .then([renewed(graceEnds)]);
    });

    it('rejects a renewal filed after the six-month grace period', () =>
      spec.given([markRegistered]).when(renew('2026-08-29'), NOW).thenThrows('rule', 'renewal-window'));

    it('a renewed mark is not renewed twice for the same term', () =>
      spec
        .given([markRegistered, renewed('2025-06-01')])
        .when(renew('2025-07-01'), NOW)
        .thenThrows('rule', 'renewal-window'));

    it('a gi-product has no term and refuses renewal', () =>
      spec
        .given([productRegistered])
        .when({ type: 'RenewGi', data: { id: 'xihu-longjing', filedOn: '2011-06-01' } }, NOW)
        .thenThrows('rule', 'no-term'));

    it('refuses a renewal dated in the future', () =>
      spec
        .given([markRegistered])
        .when(renew('2026-03-10'), new Date('2026-03-01T12:00:00+08:00'))
        .thenThrows('rule', 'future-date'));

    it('refuses renewal of a revoked GI', () =>
      spec
        .given([markRegistered, { type: 'GiRevoked', data: { ...base, effectiveDate: '2024-01-01' } }])
        .when(renew('2025-06-01'), NOW)
        .thenThrows('rule', 'revoked'));
  });

  describe('lapse', () => {
    it('the lapse policy records the lapse once grace has ended, effective the day after expiry', () =>
      spec.given([markRegistered]).when(lapseAsOf('2026-09-01'), NOW).then([lapsed]));

    it('records no lapse while the grace period runs', () =>
      spec.given([markRegistered]).when(lapseAsOf('2026-08-27'), NOW).then([]));

    it('records no lapse for a renewed mark, a lapsed one again, or a gi-product', () => {
      spec
        .given([markRegistered, renewed('2025-06-01')])
        .when(lapseAsOf('2026-09-01'), NOW)
        .then([]);
      spec.given([markRegistered, lapsed]).when(lapseAsOf('2026-10-01'), NOW).then([]);
      spec
        .given([productRegistered])
        .when({ type: 'RecordGiLapse', data: { id: 'xihu-longjing', asOf: '2026-10-01' } }, NOW)
        .then([]);
    });

    it('a renewal filed in time but recorded after the lapse is accepted and undoes the lapse', () =>
      spec
        .given([markRegistered, lapsed])
        .when(renew('2026-08-20'), NOW)
        .then([{ type: 'GiLapseUndone', data: { ...base, lapsedOn: '2026-03-01' } }, renewed('2026-08-20')]));

    it('a renewal filed after grace does not undo the lapse', () =>
      spec
        .given([markRegistered, lapsed])
        .when(renew('2026-09-02'), NOW)
        .thenThrows('rule', 'renewal-window'));

    it('refuses a lapse as of a future date', () =>
      spec.given([markRegistered]).when(lapseAsOf('2027-02-01'), NOW).thenThrows('rule', 'future-date'));
  });

  describe('revocation', () => {
    const revokeProduct = (effectiveDate: string): GiCommand => ({
      type: 'RevokeGi',
      data: { id: 'xihu-longjing', effectiveDate },
    });
    const productBase = { id: 'xihu-longjing', route: 'gi-product' as const, holder };

    it('a gi-product ends only by revocation', () =>
      spec
        .given([productRegistered])
        .when(revokeProduct('2024-05-01'), NOW)
        .then([{ type: 'GiRevoked', data: { ...productBase, effectiveDate: '2024-05-01' } }]));

    it('refuses to revoke twice, or before registration', () => {
      spec
        .given([
          productRegistered,
          { type: 'GiRevoked', data: { ...productBase, effectiveDate: '2024-05-01' } },
        ])
        .when(revokeProduct('2024-06-01'), NOW)
        .thenThrows('rule', 'already-revoked');
      spec
        .given([productRegistered])
        .when(revokeProduct('2000-01-01'), NOW)
        .thenThrows('rule', 'before-registration');
    });

    it('refuses a revocation dated in the future', () =>
      spec
        .given([productRegistered])
        .when(revokeProduct('2027-03-01'), NOW)
        .thenThrows('rule', 'future-date'));
  });

  it('commands on an unknown GI are not found', () => {
    spec.given([]).when(renew('2025-06-01'), NOW).thenThrows('not-found');
    spec.given([]).when(lapseAsOf('2026-09-01'), NOW).thenThrows('not-found');
    spec
      .given([])
      .when({ type: 'RevokeGi', data: { id: 'luniao-milli', effectiveDate: '2024-01-01' } }, NOW)
      .thenThrows('not-found');
  });

  it('state follows the events: registered, lapsed, back in force, revoked', () => {
    const fold = (events: GiEvent[]) => events.reduce(giDecider.evolve, giDecider.initialState);
    expect(giDecider.initialState).to.deep.equal({ status: 'absent' });
    expect(fold([markRegistered])).to.include({
      status: 'registered',
      expiryDate: '2026-02-28',
      renewals: 0,
    });
    expect(fold([markRegistered, lapsed])).to.include({ status: 'lapsed', lapsedOn: '2026-03-01' });
    const back = fold([
      markRegistered,
      lapsed,
      { type: 'GiLapseUndone', data: { ...base, lapsedOn: '2026-03-01' } },
      renewed('2026-08-20'),
    ]);
    expect(back).to.include({ status: 'registered', expiryDate: '2036-02-29', renewals: 1 });
    expect(back).not.to.have.property('lapsedOn');
    expect(JSON.parse(JSON.stringify(back))).to.deep.equal(back);
  });

  it('each event carries its legal date', () => {
    expect(giDecider.effectiveDateOf(markRegistered)).to.equal('2016-02-29');
    expect(giDecider.effectiveDateOf(renewed('2025-06-01'))).to.equal('2026-03-01');
    expect(giDecider.effectiveDateOf(lapsed)).to.equal('2026-03-01');
    expect(
      giDecider.effectiveDateOf({ type: 'GiRevoked', data: { ...base, effectiveDate: '2024-01-01' } }),
    ).to.equal('2024-01-01');
  });
});
