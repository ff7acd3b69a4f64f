import type { Holder } from '../../../src/domain/shared/districts.js';
import { makeUscc } from '../../../src/domain/shared/uscc.js';
import type { TrademarkCommand, TrademarkEvent } from '../../../src/domain/trademarks/index.js';

export const NUMBER = '14567890';

export const westLakeTea: Holder = {
  name: '杭州西湖龙井茶业有限公司',
  uscc: '91330100799655058B',
  district: '330106',
};
export const qiantangFoods: Holder = {
  name: '杭州钱塘食品有限公司',
  uscc: makeUscc('9133011412345678'),
  district: '330114',
  address: '钱塘区白杨街道6号大街',
};

export const filed: TrademarkEvent = {
  type: 'TrademarkFiled',
  data: {
    number: NUMBER,
    markText: '龙井山',
    kind: 'ordinary',
    classes: [30, 35, 43],
    holder: westLakeTea,
    holders: [westLakeTea],
    filingDate: '2014-03-01',
  },
};

export const approved = (
  publicationDate = '2015-02-13',
  oppositionPeriodEnds = '2015-05-13',
): TrademarkEvent => ({
  type: 'TrademarkPreliminarilyApproved',
  data: { number: NUMBER, publicationDate, oppositionPeriodEnds },
});

export const registered = (registrationDate = '2015-06-14', expiryDate = '2025-06-13'): TrademarkEvent => ({
  type: 'TrademarkRegistered',
  data: {
    number: NUMBER,
    markText: '龙井山',
    kind: 'ordinary',
    classes: [30, 35, 43],
    holder: westLakeTea,
    holders: [westLakeTea],
    filingDate: '2014-03-01',
    registrationDate,
    termStart: registrationDate,
    expiryDate,
  },
});

/** Filed, published 2015-02-13, registered 2015-06-14: the term ends 2025-06-13. */
export const registeredHistory: TrademarkEvent[] = [filed, approved(), registered()];

export const renewed = (
  filedOn: string,
  terms: { previousExpiryDate: string; termStart: string; expiryDate: string },
  flags: { inGrace?: boolean; lapseUndone?: boolean; registrationDate?: string } = {},
): TrademarkEvent => ({
  type: 'TrademarkRenewed',
  data: {
    number: NUMBER,
    filedOn,
    inGrace: flags.inGrace ?? false,
    lapseUndone: flags.lapseUndone ?? false,
    ...terms,
    registrationDate: flags.registrationDate ?? '2015-06-14',
    holder: westLakeTea,
    holders: [westLakeTea],
    classes: [30, 35, 43],
  },
});

export const lapsed: TrademarkEvent = {
  type: 'TrademarkLapsed',
  data: {
    number: NUMBER,
    asOf: '2025-12-14',
    expiryDate: '2025-06-13',
    graceEndedOn: '2025-12-13',
    effectiveDate: '2025-06-14',
    registrationDate: '2015-06-14',
    holder: westLakeTea,
    classes: [30, 35, 43],
  },
};

export const cmd = <T extends TrademarkCommand['type']>(
  type: T,
  data: Omit<Extract<TrademarkCommand, { type: T }>['data'], 'number'>,
): Extract<TrademarkCommand, { type: T }> =>
  ({ type, data: { number: NUMBER, ...data } }) as unknown as Extract<TrademarkCommand, { type: T }>;
