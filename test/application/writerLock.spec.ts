import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { WriterLock } from '../../src/application/writerLock.js';

describe('the read-model writer lock', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-lock-'));
    file = path.join(dir, 'read-models.lock');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('one holder at a time; released, it can be taken again', () => {
    const first = WriterLock.tryAcquire(file);
    expect(first).to.be.instanceOf(WriterLock);
    expect(WriterLock.tryAcquire(file)).to.deep.equal({ heldBy: process.pid });
    (first as WriterLock).release();
    expect(fs.existsSync(file)).to.equal(false);
    const again = WriterLock.tryAcquire(file);
    expect(again).to.be.instanceOf(WriterLock);
    (again as WriterLock).release();
  });

  it('takes over a lock left by a process that has gone', () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    fs.writeFileSync(file, gone.stdout.toString());
    const lock = WriterLock.tryAcquire(file);
    expect(lock).to.be.instanceOf(WriterLock);
    expect(fs.readFileSync(file, 'utf8')).to.equal(String(process.pid));
    (lock as WriterLock).release();
  });
});
