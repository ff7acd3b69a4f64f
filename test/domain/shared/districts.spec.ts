import { expect } from 'chai';
import {
  currentDistrictOf,
  districtName,
  districtSchema,
  holderSchema,
  isDistrictCode,
} from '../../../src/domain/shared/districts.js';
import { isGoodsClass, isServiceClass, niceClassSchema } from '../../../src/domain/shared/nice.js';

describe('Hangzhou divisions', () => {
  it('knows the 13 current divisions and the two retired ones', () => {
    const current = [
      '330102',
      '330105',
      '330106',
      '330108',
      '330109',
      '330110',
      '330111',
      '330112',
      '330113',
      '330114',
      '330122',
      '330127',
      '330182',
    ];
    for (const code of [...current, '330103', '330104']) expect(isDistrictCode(code), code).to.equal(true);
    expect(isDistrictCode('330101')).to.equal(false);
    expect(districtName('330113')).to.equal('临平区');
    expect(districtName('330103')).to.equal('下城区');
  });
  it('maps 下城 (330103) to 拱墅', () => expect(currentDistrictOf('330103')).to.equal('330105'));
  it('maps 江干 (330104) to 上城', () =>
    expect(currentDistrictOf('330104', '江干区凯旋街道')).to.equal('330102'));
  it('maps 江干’s 下沙 and 白杨 streets to 钱塘', () => {
    expect(currentDistrictOf('330104', '杭州市江干区下沙街道')).to.equal('330114');
    expect(currentDistrictOf('330104', '江干区白杨街道6号大街')).to.equal('330114');
  });
  it('maps old 余杭 addresses in 临平’s streets to 临平', () => {
    for (const street of [
      '临平街道',
      '南苑街道',
      '东湖街道',
      '星桥街道',
      '乔司街道',
      '运河街道',
      '崇贤街道',
      '塘栖镇',
    ])
      expect(currentDistrictOf('330110', `杭州市余杭区${street}`), street).to.equal('330113');
  });
  it('keeps 余杭 for the streets that stayed', () =>
    expect(currentDistrictOf('330110', '余杭区良渚街道')).to.equal('330110'));
  it('keeps a current code as it is', () => expect(currentDistrictOf('330106', '下沙')).to.equal('330106'));
  it('accepts retired codes in the schema and rejects unknown ones', () => {
    expect(districtSchema.safeParse('330104').success).to.equal(true);
    expect(districtSchema.safeParse('330199').success).to.equal(false);
  });
  it('validates a holder', () => {
    expect(
      holderSchema.safeParse({ name: '杭州某公司', uscc: '91330100799655058B', district: '330106' }).success,
    ).to.equal(true);
    expect(
      holderSchema.safeParse({ name: ' ', uscc: '91330100799655058B', district: '330106' }).success,
    ).to.equal(false);
    expect(
      holderSchema.safeParse({ name: 'x', uscc: '91330100799655058C', district: '330106' }).success,
    ).to.equal(false);
  });
});

describe('Nice classes', () => {
  it('accepts 1–45 and nothing else', () => {
    expect(niceClassSchema.safeParse(1).success).to.equal(true);
    expect(niceClassSchema.safeParse(45).success).to.equal(true);
    for (const bad of [0, 46, 3.5, '9'])
      expect(niceClassSchema.safeParse(bad).success, String(bad)).to.equal(false);
  });
  it('tells goods (1–34) from services (35–45)', () => {
    expect([isGoodsClass(34), isServiceClass(34), isGoodsClass(35), isServiceClass(35)]).to.deep.equal([
      true,
      false,
      false,
      true,
    ]);
  });
});
