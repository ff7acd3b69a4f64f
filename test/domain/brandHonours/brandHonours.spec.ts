import { expect } from 'chai';
import {
  awardBrandHonourSchema,
  brandHonourDecider,
  toBrandHonourStreamId,
  type BrandHonourCommand,
  type BrandHonourEvent,
} from '../../../src/domain/brandHonours/index.js';
import { deciderSpec } from '../../support/deciderSpec.js';

const NOW = new Date('2027-01-15T10:00:00+08:00');
const spec = deciderSpec(brandHonourDecider);

const holder = {
  name: '杭州海康威视数字技术股份有限公司',
  uscc: '91330100799655058B',
  district: '330108',
} as const;
const base = { id: 'scc-2019-017', kind: 'single-champion' as const, holder };

const award = (awardedOn: string, validUntil?: string): BrandHonourCommand => ({
  type: 'AwardBrandHonour',
  data: {
    id: 'scc-2019-017',
    kind: 'single-champion',
    holder,
    title: '制造业单项冠军示范企业',
    awardedOn,
    ...(validUntil === undefined ? {} : { validUntil }),
  },
});
const awarded: BrandHonourEvent = {
  type: 'BrandHonourAwarded',
  data: { ...base, title: '制造业单项冠军示范企业', awardedOn: '2019-11-20', validUntil: '2022-11-19' },
};
const revoke = (effectiveDate: string): BrandHonourCommand => ({
  type: 'RevokeBrandHonour',
  data: { id: 'scc-2019-017', effectiveDate },
});
const revoked: BrandHonourEvent = {
  type: 'BrandHonourRevoked',
  data: { ...base, effectiveDate: '2021-01-01' },
};

describe('brand honours', () => {
  it('streams are named honour-<id>', () => {
    expect(brandHonourDecider.category).to.equal('honour');
    expect(toBrandHonourStreamId('scc-2019-017')).to.equal('honour-scc-2019-017');
    expect(brandHonourDecider.streamIdOf(award('2019-11-20'))).to.equal('honour-scc-2019-017');
  });

  it('awards an honour with its holder, kind and dates', () =>
    spec.given([]).when(award('2019-11-20', '2022-11-19'), NOW).then([awarded]));

  it('an honour without validUntil does not run out by date', () =>
    spec
      .given([])
      .when(award('2019-11-20'), NOW)
      .then([
        {
          type: 'BrandHonourAwarded',
          data: { ...base, title: '制造业单项冠军示范企业', awardedOn: '2019-11-20' },
        },
      ]));

  it('only the four honours of the plan are recorded', () => {
    const parse = (kind: string) =>
      awardBrandHonourSchema.safeParse({ ...award('2019-11-20').data, kind }).success;
    for (const kind of [
      'zhejiang-made-premium',
      'single-champion',
      'high-quality-service-certificate',
      'quality-brand-demonstration-zone',
    ]) {
      expect(parse(kind), kind).to.equal(true);
    }
    expect(parse('famous-trademark')).to.equal(false);
  });

  it('refuses an award in the future, ending before it starts, or recorded twice', () => {
    spec.given([]).when(award('2027-01-16'), NOW).thenThrows('rule', 'future-date');
    spec
      .given([])
      .when(award('2019-11-20', '2019-11-19'), NOW)
      .thenThrows('rule', 'valid-until-before-award');
    spec.given([awarded]).when(award('2019-11-20'), NOW).thenThrows('rule', 'already-awarded');
  });

  it('revokes an honour', () => spec.given([awarded]).when(revoke('2021-01-01'), NOW).then([revoked]));

  it('refuses a revocation before the award, in the future, twice, or of an unknown honour', () => {
    spec.given([awarded]).when(revoke('2019-11-19'), NOW).thenThrows('rule', 'before-award');
    spec.given([awarded]).when(revoke('2027-01-16'), NOW).thenThrows('rule', 'future-date');
    spec.given([awarded, revoked]).when(revoke('2021-02-01'), NOW).thenThrows('rule', 'already-revoked');
    spec.given([]).when(revoke('2021-01-01'), NOW).thenThrows('not-found');
  });

  it('state follows the events and stays JSON-plain', () => {
    const state = [awarded, revoked].reduce(brandHonourDecider.evolve, brandHonourDecider.initialState);
    expect(brandHonourDecider.initialState).to.deep.equal({ status: 'absent' });
    expect(state).to.include({ status: 'revoked', revokedOn: '2021-01-01', validUntil: '2022-11-19' });
    expect(JSON.parse(JSON.stringify(state))).to.deep.equal(state);
  });

  it('each event carries its legal date', () => {
    expect(brandHonourDecider.effectiveDateOf(awarded)).to.equal('2019-11-20');
    expect(brandHonourDecider.effectiveDateOf(revoked)).to.equal('2021-01-01');
  });
});
