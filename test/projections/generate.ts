import fc from 'fast-check';
import { addDays } from '../../src/domain/shared/dates.js';
import { holder, LegalHistory } from './history.js';

/** One step of a random history: which command, on which record, and a day offset to derive dates. */
export interface Step {
  readonly op: number;
  readonly rec: number;
  readonly off: number;
  readonly d: number;
}

export const stepArb: fc.Arbitrary<Step> = fc.record({
  op: fc.nat({ max: 17 }),
  rec: fc.nat({ max: 3 }),
  off: fc.nat({ max: 5000 }),
  d: fc.nat({ max: 6 }),
});

const BASE = '2006-01-01';
type AnyState = Record<string, string | undefined> & { status: string };

function trademarkStep(h: LegalHistory, { op, rec, off, d }: Step): void {
  const number = `10${rec}`;
  const s = h.state<AnyState>(`trademark-${number}`);
  const reg = s?.['registrationDate'];
  const expiry = s?.['expiryDate'];
  const data = (extra: object) => ({ number, ...extra });
  const run = (type: string, extra: object) => h.run('trademark', { type, data: data(extra) });
  switch (op) {
    case 0:
      run('FileTrademark', {
        markText: `标${rec}`,
        kind: 'ordinary',
        classes: [1 + (off % 45), 35],
        applicants: [holder(rec + d * 4)],
        filingDate: addDays(BASE, off),
      });
      return;
    case 1:
      if (s?.['filingDate'])
        run('ApproveTrademarkPreliminarily', {
          publicationDate: addDays(s['filingDate'], 150 + (off % 100)),
        });
      return;
    case 2:
      if (s?.['oppositionPeriodEnds'])
        run('RegisterTrademark', { registrationDate: addDays(s['oppositionPeriodEnds'], 1 + (off % 90)) });
      return;
    case 3:
      if (expiry) run('RenewTrademark', { filedOn: addDays(expiry, -300 + (off % 480)) });
      return;
    case 4:
      if (reg) run('AssignTrademark', { assignee: holder(10 + d), announcedOn: addDays(reg, off % 4000) });
      return;
    case 5:
      if (reg)
        run('RevokeTrademark', { effectiveDate: addDays(reg, 1100 + (off % 3000)), ground: 'non-use' });
      return;
    case 6:
      if (reg) {
        const requestedOn = addDays(reg, off % 1700);
        run('InvalidateTrademark', { requestedOn, decidedOn: addDays(requestedOn, 40), ground: 'absolute' });
      }
      return;
    case 7:
      if (reg) run('SurrenderTrademark', { effectiveDate: addDays(reg, off % 4000) });
      return;
    case 8:
      if (expiry) run('RecordTrademarkLapse', { asOf: addDays(expiry, 200) });
      return;
  }
}

function otherStep(h: LegalHistory, { op, rec, off, d }: Step): void {
  const gi = h.state<AnyState>(`gi-g${rec}`);
  const ir = h.state<AnyState>(`madrid-10000${rec}`);
  const cert = `C${rec}${off % 2}`;
  switch (op) {
    case 9: {
      const mark = off % 2 === 0;
      h.run('gi', {
        type: 'RegisterGi',
        data: {
          id: `g${rec}`,
          name: `地标${rec}`,
          product: '茶',
          route: mark ? 'certification-mark' : 'gi-product',
          holder: holder(20 + d),
          registeredOn: addDays(BASE, off),
          ...(mark ? { trademarkNumber: `90${rec}` } : {}),
        },
      });
      return;
    }
    case 10:
      if (gi?.['expiryDate'])
        h.run('gi', {
          type: 'RenewGi',
          data: { id: `g${rec}`, filedOn: addDays(gi['expiryDate'], -200 + (off % 360)) },
        });
      else if (gi)
        h.run('gi', {
          type: 'RevokeGi',
          data: { id: `g${rec}`, effectiveDate: addDays(gi['registeredOn'] ?? BASE, off) },
        });
      return;
    case 11:
      h.run('madrid', {
        type: 'RecordMadridRegistration',
        data: {
          irn: `10000${rec}`,
          basicTrademarkNumber: `10${rec}`,
          holder: holder(30 + d),
          registrationDate: addDays(BASE, off),
          designations: off % 2 === 0 ? ['US', 'EM', 'JP'] : ['KR'],
          classes: [9],
        },
      });
      return;
    case 12:
      if (!ir?.['expiryDate']) return;
      if (off % 3 === 0)
        h.run('madrid', {
          type: 'RecordSubsequentDesignations',
          data: {
            irn: `10000${rec}`,
            designations: ['GB', 'AU'],
            recordedOn: addDays(ir['registrationDate'] ?? BASE, off % 3000),
          },
        });
      else if (off % 3 === 1)
        h.run('madrid', {
          type: 'RenewMadridRegistration',
          data: { irn: `10000${rec}`, filedOn: addDays(ir['expiryDate'], -100 + (off % 250)) },
        });
      else
        h.run('madrid', {
          type: 'CancelMadridRegistration',
          data: {
            irn: `10000${rec}`,
            effectiveDate: addDays(ir['registrationDate'] ?? BASE, off % 4000),
            reason: 'holder-request',
          },
        });
      return;
    case 13:
      h.run('pinzibiao', {
        type: 'IssuePinzibiaoCertificate',
        data: {
          certificateNumber: cert,
          enterprise: holder(40 + rec),
          product: '泵',
          standardCode: 'T/ZZB 0001—2016',
          certificationBody: '联盟',
          issuedOn: addDays(BASE, off),
        },
      });
      return;
    case 14: {
      const c = h.state<AnyState>(`pinzibiao-${cert}`);
      if (!c?.['issuedOn']) return;
      const at = addDays(c['issuedOn'], off % 1500);
      const type = [
        'SuspendPinzibiaoCertificate',
        'RestorePinzibiaoCertificate',
        'WithdrawPinzibiaoCertificate',
        'RenewPinzibiaoCertificate',
      ][d % 4] as string;
      const data =
        type === 'RenewPinzibiaoCertificate'
          ? { issuedOn: addDays(c['expiresOn'] ?? at, 1) }
          : type === 'RestorePinzibiaoCertificate'
            ? { effectiveDate: at }
            : { effectiveDate: at, reason: '监督' };
      h.run('pinzibiao', { type, data: { certificateNumber: cert, ...data } });
      return;
    }
    case 15:
      h.run('honour', {
        type: 'AwardBrandHonour',
        data: {
          id: `h${rec}`,
          kind: [
            'zhejiang-made-premium',
            'single-champion',
            'high-quality-service-certificate',
            'quality-brand-demonstration-zone',
          ][d % 4],
          holder: holder(50 + rec),
          title: '荣誉',
          awardedOn: addDays(BASE, off),
          ...(off % 2 === 0 ? { validUntil: addDays(BASE, off + 1000) } : {}),
        },
      });
      return;
    case 16:
      h.run('honour', {
        type: 'RevokeBrandHonour',
        data: { id: `h${rec}`, effectiveDate: addDays(BASE, off + 200) },
      });
      return;
  }
}

/** Plays the steps through the deciders; the refused ones leave no trace. */
export function historyOf(steps: readonly Step[]): LegalHistory {
  const h = new LegalHistory();
  for (const step of steps) {
    if (step.op <= 8) trademarkStep(h, step);
    else otherStep(h, step);
  }
  return h;
}

/** Sequences that start by filing and registering something, so most steps find a record to act on. */
export const historyArb: fc.Arbitrary<Step[]> = fc
  .array(stepArb, { minLength: 5, maxLength: 60 })
  .map((steps) => {
    const warmup: Step[] = [];
    for (let rec = 0; rec < 4; rec++) {
      for (const op of [0, 1, 2]) warmup.push({ op, rec, off: 1000 * rec + 37 * op, d: rec });
      warmup.push({ op: 9 + 2 * (rec % 4), rec, off: 500 * rec, d: rec });
    }
    return [...warmup, ...steps];
  });
