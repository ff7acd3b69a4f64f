import { expect } from 'chai';
import {
  issuePinzibiaoCertificateSchema,
  pinzibiaoDecider,
  toPinzibiaoStreamId,
  type PinzibiaoCommand,
  type PinzibiaoEvent,
} from '../../../src/domain/pinzibiao/index.js';
import { deciderSpec } from '../../support/deciderSpec.js';

const NOW = new Date('2027-01-15T10:00:00+08:00');
const spec = deciderSpec(pinzibiaoDecider);

const enterprise = {
  name: '杭州老板电器股份有限公司',
  uscc: '91330100799655058B',
  district: '330113',
} as const;
const certificateNumber = 'CZJM-2020-0421';
const base = { certificateNumber, enterprise };

const issue = (issuedOn: string, expiresOn?: string): PinzibiaoCommand => ({
  type: 'IssuePinzibiaoCertificate',
  data: {
    certificateNumber,
    enterprise,
    product: '吸油烟机',
    standardCode: 'T/ZZB 0071—2016',
    certificationBody: '浙江制造国际认证联盟',
    issuedOn,
    ...(expiresOn === undefined ? {} : { expiresOn }),
  },
});
const issued = (issuedOn: string, expiresOn: string, expiryAssumed: boolean): PinzibiaoEvent => ({
  type: 'PinzibiaoCertificateIssued',
  data: {
    ...base,
    product: '吸油烟机',
    standardCode: 'T/ZZB 0071—2016',
    certificationBody: '浙江制造国际认证联盟',
    issuedOn,
    expiresOn,
    expiryAssumed,
  },
});
const certified = issued('2020-05-10', '2023-05-09', true);
const suspended: PinzibiaoEvent = {
  type: 'PinzibiaoCertificateSuspended',
  data: { ...base, effectiveDate: '2021-03-01', reason: '监督审核发现不符合' },
};
const withdrawn: PinzibiaoEvent = {
  type: 'PinzibiaoCertificateWithdrawn',
  data: { ...base, effectiveDate: '2021-06-01', reason: '企业申请注销' },
};
const audit = (auditedOn: string, passed: boolean): PinzibiaoCommand => ({
  type: 'RecordSurveillanceAudit',
  data: { certificateNumber, auditedOn, passed },
});
const suspend = (effectiveDate: string): PinzibiaoCommand => ({
  type: 'SuspendPinzibiaoCertificate',
  data: { certificateNumber, effectiveDate, reason: '监督审核发现不符合' },
});
const restore = (effectiveDate: string): PinzibiaoCommand => ({
  type: 'RestorePinzibiaoCertificate',
  data: { certificateNumber, effectiveDate },
});
const withdraw = (effectiveDate: string): PinzibiaoCommand => ({
  type: 'WithdrawPinzibiaoCertificate',
  data: { certificateNumber, effectiveDate, reason: '企业申请注销' },
});
const renew = (issuedOn: string, expiresOn?: string): PinzibiaoCommand => ({
  type: 'RenewPinzibiaoCertificate',
  data: { certificateNumber, issuedOn, ...(expiresOn === undefined ? {} : { expiresOn }) },
});

describe('品字标 certificates', () => {
  it('streams are named pinzibiao-<certificateNumber>', () => {
    expect(pinzibiaoDecider.category).to.equal('pinzibiao');
    expect(toPinzibiaoStreamId(certificateNumber)).to.equal('pinzibiao-CZJM-2020-0421');
    expect(pinzibiaoDecider.streamIdOf(issue('2020-05-10'))).to.equal('pinzibiao-CZJM-2020-0421');
  });

  describe('issue', () => {
    it('pinzibiao expiry defaults to three years less a day', () =>
      spec.given([]).when(issue('2020-05-10'), NOW).then([certified]));

    it('a certificate issued on 29 February runs to 28 February three years on', () =>
      spec
        .given([])
        .when(issue('2020-02-29'), NOW)
        .then([issued('2020-02-29', '2023-02-28', true)]));

    it('the certificate’s own expiry governs where it is given', () =>
      spec
        .given([])
        .when(issue('2020-05-10', '2025-05-09'), NOW)
        .then([issued('2020-05-10', '2025-05-09', false)]));

    it('the standard code reads T/ZZB xxxx—yyyy, with either dash, stored with the em dash', () => {
      const parse = (standardCode: string) =>
        issuePinzibiaoCertificateSchema.safeParse({ ...issue('2020-05-10').data, standardCode });
      const hyphen = parse('T/ZZB 0071-2016');
      expect(hyphen.success && hyphen.data.standardCode).to.equal('T/ZZB 0071—2016');
      expect(parse('T/ZZB 0071—2016').success).to.equal(true);
      expect(parse('T/ZJB 0071—2016').success).to.equal(false);
      expect(parse('T/ZZB 71—2016').success).to.equal(false);
      expect(parse('GB/T 19001-2016').success).to.equal(false);
    });

    it('refuses an expiry before the issue date, an issue date in the future, and a second issue', () => {
      spec.given([]).when(issue('2020-05-10', '2020-05-09'), NOW).thenThrows('rule', 'expiry-before-issue');
      spec.given([]).when(issue('2027-01-16'), NOW).thenThrows('rule', 'future-date');
      spec.given([certified]).when(issue('2020-05-10'), NOW).thenThrows('rule', 'already-issued');
    });

    it('events carry the enterprise’s USCC and district', () => {
      for (const event of [certified, suspended, withdrawn]) {
        expect(event.data.enterprise).to.include({ uscc: '91330100799655058B', district: '330113' });
      }
      const [event] = pinzibiaoDecider.decide(
        audit('2021-05-01', true),
        pinzibiaoDecider.evolve(pinzibiaoDecider.initialState, certified),
        NOW,
      );
      expect(event?.data).to.deep.include({ enterprise });
    });
  });

  describe('surveillance', () => {
    it('a failed audit is recorded and does not by itself suspend the certificate', () => {
      const failed: PinzibiaoEvent = {
        type: 'PinzibiaoSurveillanceRecorded',
        data: { ...base, auditedOn: '2021-05-01', passed: false },
      };
      spec.given([certified]).when(audit('2021-05-01', false), NOW).then([failed]);
      const state = [certified, failed].reduce(pinzibiaoDecider.evolve, pinzibiaoDecider.initialState);
      expect(state).to.deep.include({
        status: 'certified',
        lastAudit: { auditedOn: '2021-05-01', passed: false },
      });
    });

    it('refuses an audit before issue, after expiry, or in the future', () => {
      spec.given([certified]).when(audit('2020-05-09', true), NOW).thenThrows('rule', 'before-issue');
      spec.given([certified]).when(audit('2023-05-10', true), NOW).thenThrows('rule', 'expired');
      spec
        .given([certified])
        .when(audit('2021-05-02', true), new Date('2021-05-01T12:00:00+08:00'))
        .thenThrows('rule', 'future-date');
    });
  });

  describe('suspension and restoration', () => {
    it('suspends an in-force certificate', () =>
      spec.given([certified]).when(suspend('2021-03-01'), NOW).then([suspended]));

    it('refuses to suspend a suspended certificate or an expired one', () => {
      spec
        .given([certified, suspended])
        .when(suspend('2021-04-01'), NOW)
        .thenThrows('rule', 'already-suspended');
      spec.given([certified]).when(suspend('2023-06-01'), NOW).thenThrows('rule', 'expired');
    });

    it('restores a suspended certificate', () =>
      spec
        .given([certified, suspended])
        .when(restore('2021-04-15'), NOW)
        .then([{ type: 'PinzibiaoCertificateRestored', data: { ...base, effectiveDate: '2021-04-15' } }]));

    it('restoration is refused unless the certificate is suspended', () =>
      spec.given([certified]).when(restore('2021-04-15'), NOW).thenThrows('rule', 'not-suspended'));

    it('restoration cannot precede the suspension', () =>
      spec
        .given([certified, suspended])
        .when(restore('2021-02-01'), NOW)
        .thenThrows('rule', 'before-suspension'));
  });

  describe('withdrawal', () => {
    it('withdraws a certificate, suspended or not', () => {
      spec.given([certified]).when(withdraw('2021-06-01'), NOW).then([withdrawn]);
      spec.given([certified, suspended]).when(withdraw('2021-06-01'), NOW).then([withdrawn]);
    });

    it('withdrawal is final: nothing more is recorded on the certificate', () => {
      for (const command of [
        withdraw('2021-07-01'),
        audit('2021-07-01', true),
        suspend('2021-07-01'),
        restore('2021-07-01'),
        renew('2023-05-10'),
      ]) {
        spec.given([certified, withdrawn]).when(command, NOW).thenThrows('rule', 'withdrawn');
      }
    });
  });

  describe('recertification', () => {
    it('renews an expired certificate with new dates, three years less a day by default', () =>
      spec
        .given([certified])
        .when(renew('2023-07-01'), NOW)
        .then([
          {
            type: 'PinzibiaoCertificateRenewed',
            data: {
              ...base,
              issuedOn: '2023-07-01',
              expiresOn: '2026-06-30',
              expiryAssumed: true,
              previousIssuedOn: '2020-05-10',
              previousExpiresOn: '2023-05-09',
            },
          },
        ]));

    it('renews an in-force certificate with its own expiry', () =>
      spec
        .given([certified])
        .when(renew('2023-04-01', '2026-05-09'), NOW)
        .then([
          {
            type: 'PinzibiaoCertificateRenewed',
            data: {
              ...base,
              issuedOn: '2023-04-01',
              expiresOn: '2026-05-09',
              expiryAssumed: false,
              previousIssuedOn: '2020-05-10',
              previousExpiresOn: '2023-05-09',
            },
          },
        ]));

    it('a suspended certificate is recertified only once it has expired', () => {
      spec.given([certified, suspended]).when(renew('2022-01-01'), NOW).thenThrows('rule', 'suspended');
      const [event] = pinzibiaoDecider.decide(
        renew('2023-07-01'),
        [certified, suspended].reduce(pinzibiaoDecider.evolve, pinzibiaoDecider.initialState),
        NOW,
      );
      expect(event?.type).to.equal('PinzibiaoCertificateRenewed');
      const state = [certified, suspended, event as PinzibiaoEvent].reduce(
        pinzibiaoDecider.evolve,
        pinzibiaoDecider.initialState,
      );
      expect(state).to.include({ status: 'certified', issuedOn: '2023-07-01', firstIssuedOn: '2020-05-10' });
      expect(state).not.to.have.property('suspendedOn');
    });

    it('refuses a recertification not after the current issue date, or in the future', () => {
      spec.given([certified]).when(renew('2020-05-10'), NOW).thenThrows('rule', 'not-after-current');
      spec.given([certified]).when(renew('2027-02-01'), NOW).thenThrows('rule', 'future-date');
    });
  });

  it('commands on an unknown certificate are not found', () => {
    for (const command of [
      audit('2021-05-01', true),
      suspend('2021-03-01'),
      restore('2021-04-01'),
      withdraw('2021-06-01'),
      renew('2023-07-01'),
    ]) {
      spec.given([]).when(command, NOW).thenThrows('not-found');
    }
  });

  it('each event carries its legal date', () => {
    expect(pinzibiaoDecider.effectiveDateOf(certified)).to.equal('2020-05-10');
    expect(pinzibiaoDecider.effectiveDateOf(suspended)).to.equal('2021-03-01');
    expect(pinzibiaoDecider.effectiveDateOf(withdrawn)).to.equal('2021-06-01');
    expect(
      pinzibiaoDecider.effectiveDateOf({
        type: 'PinzibiaoSurveillanceRecorded',
        data: { ...base, auditedOn: '2021-05-01', passed: true },
      }),
    ).to.equal('2021-05-01');
  });
});
