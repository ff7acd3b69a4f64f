import { expect } from 'chai';
import { IdempotencyStore } from '../../src/application/idempotency.js';

describe('the idempotency-key store', () => {
  const answer = { status: 201, headers: { etag: '"0"' }, body: { id: '12345678', revision: '0' } };

  it("remembers a key's first answer per actor, and keeps the first when a key is remembered again", () => {
    const store = IdempotencyStore.open(':memory:');
    store.remember('officer-1', 'k1', 'hash-a', answer);
    store.remember('officer-1', 'k1', 'hash-b', { ...answer, status: 200 });
    expect(store.lookup('officer-1', 'k1')).to.deep.equal({ requestHash: 'hash-a', answer });
    expect(store.lookup('officer-2', 'k1')).to.equal(undefined);
    store.close();
  });

  it('forgets answers older than the retention, keeping newer ones', () => {
    const store = IdempotencyStore.open(':memory:');
    store.remember('officer-1', 'old', 'h', answer);
    const cut = new Date(Date.now() + 1000);
    expect(store.prune(cut)).to.equal(1);
    store.remember('officer-1', 'new', 'h', answer);
    expect(store.prune(new Date(Date.now() - 60_000))).to.equal(0);
    expect(store.lookup('officer-1', 'old')).to.equal(undefined);
    expect(store.lookup('officer-1', 'new')?.requestHash).to.equal('h');
    store.close();
  });
});
