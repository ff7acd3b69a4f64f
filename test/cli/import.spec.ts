import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { expect } from 'chai';
import {
  formatSummary,
  planImport,
  readCsv,
  runImport,
  type ImportSummary,
} from '../../src/application/bulkImport.js';
import type { ImportKind } from '../../src/application/importRows.js';
import { EXIT_CODES } from '../../src/cli/run.js';
import { importMain } from '../../src/cli/import.js';
import type { CliIo } from '../../src/cli/bulkProgress.js';
import { RegistryError } from '../../src/domain/shared/errors.js';
import {
  readAllAfter,
  readStreamOrEmpty,
  type EventStore,
  type RecordedEvent,
} from '../../src/eventStore/port.js';
import { storeFixtures } from '../support/stores.js';

const NOW = new Date('2026-11-30T10:00:00+08:00');
const FIXTURES = path.resolve('test/fixtures');
const fixture = (kind: ImportKind): string => path.join(FIXTURES, `${kind}.csv`);
const ACTOR = { id: 'officer-7', role: 'officer' };

async function importFile(store: EventStore, kind: ImportKind, file: string): Promise<ImportSummary> {
  const plan = planImport(kind, readCsv(fs.readFileSync(file)));
  return runImport(store, plan, { now: NOW, actor: ACTOR, correlationId: 'import-spec', reason: 'spec' });
}

async function log(store: EventStore): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for await (const e of readAllAfter(store, 'start', 1000)) all.push(e);
  return all;
}

const typesOf = async (store: EventStore, streamId: string): Promise<string[]> =>
  (await readStreamOrEmpty(store, streamId)).map((e) => e.type);

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'import-spec-'));
}

for (const stores of storeFixtures()) {
  describe(`npm run import on the ${stores.name}`, () => {
    let store: EventStore;
    beforeEach(async () => {
      await stores.setUp();
      store = await stores.open();
    });
    afterEach(() => stores.tearDown());

    it('imports the good rows of a trademark file and reports each bad row with its line and reason', async () => {
      const summary = await importFile(store, 'trademarks', fixture('trademarks'));

      expect(formatSummary(summary)).to.equal('9 rows: 4 imported, 0 unchanged, 5 bad');
      expect(summary.bad.map((b) => b.row)).to.deep.equal([4, 5, 6, 7, 10]);
      const [uscc, district, date, early, classes] = summary.bad.map((b) => b.reason);
      expect(uscc).to.match(/^holderUscc: .*check character \(position 18\) should be 4, not 5$/);
      expect(district).to.match(/^district: must be a Hangzhou division code/);
      expect(date).to.match(/^filingDate: must be a real calendar date/);
      expect(early).to.equal(
        'registrationDate: the opposition period runs until 2022-10-13; registration on 2022-10-12 would precede its end',
      );
      expect(classes).to.match(/^classes: a Nice class must be a whole number from 1 to 45$/);
    });

    it('records each good row as its steps, with Chinese text and retired district codes as given', async () => {
      await importFile(store, 'trademarks', fixture('trademarks'));

      expect(await typesOf(store, 'trademark-60123451')).to.deep.equal([
        'TrademarkFiled',
        'TrademarkPreliminarilyApproved',
        'TrademarkRegistered',
      ]);
      expect(await typesOf(store, 'trademark-60678907')).to.deep.equal([
        'TrademarkFiled',
        'TrademarkPreliminarilyApproved',
      ]);
      const [filed] = await readStreamOrEmpty(store, 'trademark-60678907');
      expect(filed?.data).to.deep.include({ markText: '湖山,云水', kind: 'ordinary', classes: [41] });
      expect(filed?.metadata).to.deep.include({
        actor: ACTOR,
        $correlationId: 'import-spec',
        reason: 'spec',
      });
      const [collective] = await readStreamOrEmpty(store, 'trademark-70234562');
      expect(collective?.data['holder']).to.deep.equal({
        name: '杭州市江干区食品行业协会',
        uscc: '913301041435123451',
        district: '330104',
      });
    });

    it('appends nothing for a bad row: a refused registration leaves no filing behind', async () => {
      await importFile(store, 'trademarks', fixture('trademarks'));

      for (const number of ['60234563', '60345674', '60456785', '60567896', '60890129']) {
        expect(await typesOf(store, `trademark-${number}`), number).to.deep.equal([]);
      }
      expect((await log(store)).filter((e) => e.streamId.startsWith('trademark-'))).to.have.length(
        3 + 1 + 2 + 3,
      );
    });

    it('appends nothing when the same file is imported again, and says the records are unchanged', async () => {
      await importFile(store, 'trademarks', fixture('trademarks'));
      const before = await log(store);

      const again = await importFile(store, 'trademarks', fixture('trademarks'));

      expect(formatSummary(again)).to.equal('9 rows: 0 imported, 4 unchanged, 5 bad');
      expect((await log(store)).map((e) => e.id)).to.deep.equal(before.map((e) => e.id));
    });

    it('applies rows for one record in file order: a later row with other content is refused', async () => {
      const dir = tempDir();
      const file = path.join(dir, 'twice.csv');
      const header = fs.readFileSync(fixture('trademarks'), 'utf8').split('\n')[0];
      const row = (markText: string) =>
        `61000001,${markText},ordinary,35,杭州西子茶业有限公司,91330106MA2CD4K19Q,330106,2024-01-05,,`;
      // Other records between them, so that several are in flight when the second row comes up.
      const others = Array.from(
        { length: 12 },
        (_, i) => `${62000000 + i},标${i},,9,杭州云栖科技有限公司,91330108MA2B3C4D1X,330108,2024-02-01,,`,
      );
      fs.writeFileSync(file, [header, row('第一'), ...others, row('第二')].join('\n'));
      try {
        const summary = await importFile(store, 'trademarks', file);

        expect(summary.imported).to.equal(13);
        expect(summary.bad).to.deep.equal([
          { row: 15, reason: 'number: trademark 61000001 is already recorded (filed)' },
        ]);
        const [filed] = await readStreamOrEmpty(store, 'trademark-61000001');
        expect(filed?.data['markText']).to.equal('第一');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('imports the other registers from their own columns, blaming each refusal on its cell', async () => {
      const gi = await importFile(store, 'geographical-indications', fixture('geographical-indications'));
      const madrid = await importFile(store, 'madrid-registrations', fixture('madrid-registrations'));
      const pinzibiao = await importFile(store, 'pinzibiao', fixture('pinzibiao'));
      const honours = await importFile(store, 'brand-honours', fixture('brand-honours'));

      expect(gi.bad).to.deep.equal([
        { row: 4, reason: 'trademarkNumber: a certification-mark GI needs the CNIPA number of its mark' },
      ]);
      expect(madrid.bad.map((b) => [b.row, b.reason.split(':')[0]])).to.deep.equal([
        [3, 'designations'],
        [4, 'irn'],
      ]);
      expect(pinzibiao.bad.map((b) => b.reason)).to.deep.equal([
        'expiresOn: a certificate issued on 2024-06-01 cannot expire on 2024-05-01',
        'standardCode: a 浙江制造 standard code reads "T/ZZB xxxx—yyyy"',
      ]);
      expect(honours.bad.map((b) => [b.row, b.reason.split(' ')[0]])).to.deep.equal([
        [6, 'kind:'],
        [7, 'awardedOn'],
      ]);
      expect([gi.imported, madrid.imported, pinzibiao.imported, honours.imported]).to.deep.equal([
        2, 1, 1, 4,
      ]);

      const [ir] = await readStreamOrEmpty(store, 'madrid-1654321');
      expect(ir?.data).to.deep.include({ designations: ['US', 'EM', 'JP'], classes: [30, 35] });
      const [certificate] = await readStreamOrEmpty(store, 'pinzibiao-CZJM-2023-10001');
      expect(certificate?.data).to.deep.include({ standardCode: 'T/ZZB 1234—2019', expiryAssumed: true });
      expect(await typesOf(store, 'gi-tangqi-pipa')).to.deep.equal(['GiRegistered']);
    });
  });
}

describe('reading an import file', () => {
  it('accepts UTF-8 with and without a byte-order mark', () => {
    const text = 'id,kind\nzone-1,x\n';
    const withBom = readCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    expect(withBom).to.deep.equal(readCsv(Buffer.from(text)));
    expect(withBom.header).to.deep.equal(['id', 'kind']);
  });

  it('numbers rows by the line they start on, past blank lines and quoted line breaks', () => {
    const table = readCsv(Buffer.from('a,b\n1,2\n\n"x\ny",3\n4,5'));
    expect(table.rows.map((r) => r.row)).to.deep.equal([2, 4, 6]);
  });

  it('refuses text that is not UTF-8 (a GBK export) as unusable input', () => {
    const gbk = Buffer.from([0x6e, 0x75, 0x6d, 0x0a, 0xba, 0xbc, 0xd6, 0xdd]); // "num\n杭州" in GBK
    expect(() => readCsv(gbk)).to.throw(RegistryError, /not UTF-8/);
  });

  it('refuses a header with a missing, unknown or repeated column and names them', () => {
    const table = readCsv(
      Buffer.from('number,markText,kind,classes,holderName,holderUSCC,district,filingDate,filingDate\n'),
    );
    expect(() => planImport('trademarks', table)).to.throw(
      RegistryError,
      /missing holderUscc, publicationDate, registrationDate; unknown holderUSCC; repeated filingDate/,
    );
  });

  it('reports a row with too few or too many fields without reading it', () => {
    const header = 'id,kind,holderName,holderUscc,district,title,awardedOn,validUntil';
    const plan = planImport('brand-honours', readCsv(Buffer.from(`${header}\nzone-1,x\n`)));
    expect(plan.bad).to.deep.equal([{ row: 2, reason: 'has 2 fields, the header has 8' }]);
  });
});

/** The GI fixture without its bad row. */
const goodGiRows = (): string =>
  fs.readFileSync(fixture('geographical-indications'), 'utf8').split('\n').slice(0, 3).join('\n');

describe('npm run import exit codes', () => {
  let dir: string;
  const saved = process.env['EVENT_STORE_URL'];
  const io = (): CliIo & { out: string[]; err: string[] } => {
    const out: string[] = [];
    const err: string[] = [];
    const stderr = Object.assign(new PassThrough(), { isTTY: false });
    stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
    return { out, err, stdout: { write: (t: string) => out.push(t) }, stderr };
  };

  beforeEach(() => {
    dir = tempDir();
    process.env['EVENT_STORE_URL'] = `sqlite:${path.join(dir, 'registry.db')}`;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env['EVENT_STORE_URL'];
    else process.env['EVENT_STORE_URL'] = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers 1 when some rows were bad, after importing the good ones, and prints the summary last', async () => {
    const cli = io();
    const code = await importMain(['--kind', 'trademarks', fixture('trademarks')], { now: NOW, io: cli });
    await new Promise((r) => setImmediate(r));

    expect(code).to.equal(1);
    expect(cli.out.join('')).to.equal('9 rows: 4 imported, 0 unchanged, 5 bad\n');
    expect(cli.err.join('')).to.match(/^row 4: holderUscc: .*\nrow 5: district: .*\n/);
  });

  it('answers 0 when every row was good, also on a rerun', async () => {
    const file = path.join(dir, 'gi.csv');
    fs.writeFileSync(file, goodGiRows());
    expect(await importMain(['--kind', 'geographical-indications', file], { now: NOW, io: io() })).to.equal(
      0,
    );
    const cli = io();
    expect(await importMain(['--kind', 'geographical-indications', file], { now: NOW, io: cli })).to.equal(0);
    expect(cli.out.join('')).to.equal('2 rows: 0 imported, 2 unchanged, 0 bad\n');
  });

  it('stops with exit code 2 on unusable input: a missing file, a wrong header', async () => {
    const refusal = async (argv: string[]): Promise<RegistryError> => {
      try {
        await importMain(argv, { now: NOW, io: io() });
      } catch (e) {
        if (e instanceof RegistryError) return e;
        throw e;
      }
      throw new Error('expected the import to stop');
    };
    const missing = await refusal(['--kind', 'trademarks', path.join(dir, 'nope.csv')]);
    expect(missing.message).to.match(/cannot read .*nope\.csv: no such file/);
    const header = await refusal(['--kind', 'pinzibiao', fixture('trademarks')]);
    expect(header.message).to.match(/^the header does not fit pinzibiao/);
    expect([EXIT_CODES[missing.code], EXIT_CODES[header.code]]).to.deep.equal([2, 2]);
    expect(fs.existsSync(path.join(dir, 'registry.db'))).to.equal(false);
  });

  it('exits 1, 2 and 0 as a process, with one line on stderr for unusable input', async function () {
    this.timeout(60_000);
    const run = promisify(execFile);
    const script = path.resolve('scripts/import.ts');
    const exec = async (args: string[]) => {
      try {
        const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', script, ...args], {
          env: { ...process.env, EVENT_STORE_URL: `sqlite:${path.join(dir, 'registry.db')}` },
        });
        return { code: 0, stdout, stderr };
      } catch (e) {
        const failed = e as { code: number; stdout: string; stderr: string };
        return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
      }
    };
    const [some, missing] = await Promise.all([
      exec(['--kind', 'trademarks', fixture('trademarks')]),
      exec(['--kind', 'trademarks', path.join(dir, 'nope.csv')]),
    ]);
    expect(some.code).to.equal(1);
    expect(some.stdout).to.match(/^9 rows: \d imported, \d unchanged, 5 bad\n$/);
    expect(missing).to.deep.include({ code: 2, stdout: '' });
    expect(missing.stderr.trim().split('\n')).to.have.length(1);
    const file = path.join(dir, 'gi.csv');
    fs.writeFileSync(file, goodGiRows());
    const good = await exec(['--kind', 'geographical-indications', file, '--concurrency', '1']);
    expect(good).to.deep.include({ code: 0, stdout: '2 rows: 2 imported, 0 unchanged, 0 bad\n', stderr: '' });
  });
});
