import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { chromium, type Browser, type Page } from 'playwright-core';
import { readStreamOrEmpty } from '../../src/eventStore/port.js';
import { INDICATORS } from '../../src/projections/catalog.js';
import { HOLDER, startHarness, uniqueDigits, type Harness } from '../http/harness.js';
import { sqliteFixture } from '../support/stores.js';

// Debian's Chromium, never a downloaded browser: the specs run offline.
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);
const describeWithBrowser = hasChromium ? describe : describe.skip;
const title = hasChromium
  ? 'web page: sign in, indicators, search, filing and history in Chromium'
  : `web page (skipped: ${CHROMIUM} does not exist)`;

describeWithBrowser(title, function () {
  this.timeout(60_000);

  const fixture = sqliteFixture();
  let h: Harness;
  let server: Server;
  let browser: Browser;
  let page: Page;
  let base = '';
  const pageErrors: string[] = [];
  const number = uniqueDigits(8);
  const rejectedNumber = uniqueDigits(8);
  const markText = `龙坞茶韵${number.slice(-4)}`;

  const events = async (streamId: string) => readStreamOrEmpty(h.store, streamId);

  before(async () => {
    await fixture.setUp();
    h = await startHarness(fixture);
    server = createServer(h.app).listen(0, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve).once('error', reject);
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    // A CSP violation or a script error shows up here; the page must run clean under helmet's policy.
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      // The sign-in probes and the bad filing are answered 4xx on purpose; Chromium logs each one.
      const expectedApiAnswer = /^Failed to load resource: .* status of 4\d\d/.test(m.text());
      if (m.type() === 'error' && !expectedApiAnswer) pageErrors.push(m.text());
    });
    await page.goto(`${base}/`);
  });

  after(async () => {
    await browser?.close();
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await h?.close();
    await fixture.tearDown();
  });

  const signIn = async (token: string) => {
    if (await page.locator('#signout').isVisible()) await page.click('#signout');
    await page.getByLabel('访问令牌').fill(token);
    await page.getByRole('button', { name: /登录/ }).click();
  };

  it('shows the problem detail for an unknown token, then signs in with the officer token and shows the role', async () => {
    await signIn('not-a-real-token');
    await page.locator('#signin-error').waitFor();
    expect(await page.locator('#signin-error').textContent()).to.contain(
      'the bearer token is unknown or revoked',
    );

    await signIn(h.token.officer);
    await page.locator('#role').waitFor();
    expect(await page.locator('#role').getAttribute('data-role')).to.equal('officer');
    expect(await page.locator('#session').textContent()).to.contain('知识产权专员');
    expect(await page.locator('#signin-error').isHidden()).to.equal(true);
    // Kept for the tab only, never in localStorage (evaluated as a string: the specs have no DOM types).
    const stored = await page.evaluate("[sessionStorage.getItem('registry.token'), localStorage.length]");
    expect(stored).to.deep.equal([h.token.officer, 0]);
  });

  it('records a trademark through the form, once however often the same filing is submitted', async () => {
    await page.getByRole('tab', { name: /登记/ }).click();
    const filing = page.locator('#panel-filing');
    await filing.getByLabel('申请/注册号').fill(number);
    await filing.getByLabel('商标文字').fill(markText);
    await filing.getByLabel('商标种类').selectOption('collective');
    await filing.getByLabel('尼斯分类').fill('30, 35');
    await filing.getByLabel('申请日').fill('2024-03-01');
    await filing.getByLabel('名称').fill(HOLDER.name);
    await filing.getByLabel('统一社会信用代码').fill(HOLDER.uscc);
    await filing.getByLabel('区县').selectOption(HOLDER.district);
    await page.getByRole('button', { name: /提交登记/ }).dblclick();

    await page.locator('#result-stream').waitFor();
    expect(await page.locator('#result-stream').textContent()).to.equal(`trademark-${number}`);
    expect(await page.locator('#result-revision').textContent()).to.equal('0');

    // The same filing again (a retry after a lost answer): the key is unchanged, the answer replayed.
    await page.getByRole('button', { name: /提交登记/ }).click();
    await page.getByText('nothing appended').waitFor();
    expect(await page.locator('#result-stream').textContent()).to.equal(`trademark-${number}`);

    const recorded = await events(`trademark-${number}`);
    expect(recorded.map((e) => e.type)).to.deep.equal(['TrademarkFiled']);
    expect(recorded[0]?.data).to.include({ markText, kind: 'collective' });
    expect((recorded[0]?.data as { classes: number[] }).classes).to.deep.equal([30, 35]);
  });

  it('shows a bad USCC next to the USCC field and appends nothing', async () => {
    const filing = page.locator('#panel-filing');
    await filing.getByLabel('申请/注册号').fill(rejectedNumber);
    await filing.getByLabel('统一社会信用代码').fill('91330100799655058C');
    await page.getByRole('button', { name: /提交登记/ }).click();

    const error = page.locator('#f-applicantUscc-error');
    await error.waitFor();
    expect(await error.textContent()).to.contain('check character (position 18) should be B');
    // Next to the field: in the same field group, right after the input, and announced with it.
    expect(await page.locator('.field > #f-applicantUscc + #f-applicantUscc-error').count()).to.equal(1);
    const input = filing.getByLabel('统一社会信用代码');
    expect(await input.getAttribute('aria-invalid')).to.equal('true');
    expect(await input.getAttribute('aria-describedby')).to.equal('f-applicantUscc-error');
    expect(await page.locator('#f-number-error').isHidden()).to.equal(true);
    expect(await page.locator('#filing-result').isHidden()).to.equal(true);
    expect(await events(`trademark-${rejectedNumber}`)).to.have.length(0);
  });

  it('shows the eight indicators with their Chinese names, for the city and for a district', async () => {
    await page.getByRole('tab', { name: /指标/ }).click();
    const rows = page.locator('#indicators-table tbody tr');
    await rows.nth(7).waitFor();
    expect(await rows.count()).to.equal(8);
    const names = await page.locator('#indicators-table tbody th .zh').allTextContents();
    expect(names).to.deep.equal(INDICATORS.map((i) => i.name));
    expect(await page.locator('#indicators-caption').textContent()).to.contain('全市');
    expect(await page.locator('#indicators-table tbody tr progress').count()).to.equal(8);

    const districts = await page.locator('#ind-district option').allTextContents();
    expect(districts).to.have.length(14);
    await page.locator('#ind-district').selectOption('330106');
    await page.getByLabel('统计日期').fill('2035-12-31');
    await page.getByRole('button', { name: /查询/ }).click();
    await page.locator('#indicators-caption', { hasText: '西湖区 · 2035-12-31' }).waitFor();
    expect(await rows.count()).to.equal(8);
  });

  it('finds the recorded mark by search and opens its current state', async () => {
    // Keyboard: the arrow keys move between the tabs.
    await page.getByRole('tab', { name: /指标/ }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: /商标/ }).getAttribute('aria-selected')).to.equal('true');
    expect(await page.locator('#panel-trademarks').isVisible()).to.equal(true);
    const panel = page.locator('#panel-trademarks');
    await panel.getByLabel('关键词').fill(markText);
    await panel.getByLabel('区县').selectOption('330106');
    await page.getByRole('button', { name: /搜索/ }).click();
    const open = page.locator(`#search-table button[data-number="${number}"]`);
    await open.waitFor();
    expect(await page.locator('#search-table tbody tr').count()).to.equal(1);
    expect(await page.locator('#search-table tbody tr').textContent()).to.contain(HOLDER.name);

    await open.click();
    await page.locator('#record-state dd', { hasText: markText }).waitFor();
    expect(await page.locator('#record-state').textContent()).to.contain('已申请');
    // An officer is not an auditor: the state, no history.
    expect(await page.locator('#history').isHidden()).to.equal(true);
  });

  it('shows an auditor the event history with who recorded it, when and why', async () => {
    await signIn(h.token.auditor);
    await page.locator('#role[data-role="auditor"]').waitFor();
    // Nothing the officer's session showed stays on screen, and the auditor is offered no search.
    expect(await page.locator('#search-table tbody tr').count()).to.equal(0);
    expect(await page.locator('#search-form').isHidden()).to.equal(true);
    expect(await page.getByRole('tab', { name: /指标/ }).isHidden()).to.equal(true);
    await page.getByRole('tab', { name: /商标/ }).click();
    await page.getByLabel('按号码查看').fill(number);
    await page.getByRole('button', { name: /查看/ }).click();

    const row = page.locator('#history-table tbody tr[data-type="TrademarkFiled"]');
    await row.waitFor();
    expect(await page.locator('#history-table tbody tr').count()).to.equal(1);
    const officer = h.tokens.authenticate(h.token.officer);
    const text = (await row.textContent()) ?? '';
    expect(text).to.contain('提交申请');
    expect(text).to.contain('officer');
    expect(text).to.contain(officer?.id ?? 'the officer token id');
    expect(text).to.contain('2024-03-01');
    const [filed] = await events(`trademark-${number}`);
    expect(text).to.contain(String(filed?.metadata['$correlationId']));

    await page.screenshot({ path: path.join(os.tmpdir(), 'registry-web-page.png'), fullPage: true });
  });

  it('ran without script errors or CSP violations', () => {
    expect(pageErrors).to.deep.equal([]);
  });
});
