// The back office in a real browser (issue 10): an editor signs in, writes an article with
// tags, previews it (live, and with the Preview button when script is off), schedules it a few
// seconds ahead, and a reader then sees it; axe-core finds nothing on any back-office page,
// in light and dark; nothing scrolls sideways at 360 px; no script errors, no CSP violations.
//
//   BROADSHEET_BINARY=build/test/src/broadsheet BROADSHEET_SOURCE_DIR=$PWD \
//     node --test tests/browser/desk.test.mjs

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';

import {
  axeCheckFor,
  checkNoCspViolations,
  collectConsoleErrors,
  collectPageErrors,
  demoAdminPassword,
  launchBrowser,
  newContext,
  signInToDesk,
  startServer,
  stopServer,
  withServerLogOf,
} from './harness.mjs';

const kTestTimeoutMs = 240_000;

let server;
let browser;
let adminPassword;

before(async () => {
  // The demo's time zone is UTC, so the test writes schedule times in UTC.
  server = await startServer({ extraSets: ['admin.password_cost=minimum', 'store.poll_interval_ms=250'] });
  adminPassword = await demoAdminPassword(server);
  browser = await launchBrowser();
}, { timeout: 120_000 });

after(async () => {
  try {
    if (browser) await browser.close();
  } finally {
    await stopServer(server);
  }
}, { timeout: 60_000 });

const withServerLog = (body) => withServerLogOf(() => server, body);

const signIn = (page) => signInToDesk(page, server, adminPassword);

// "YYYY-MM-DDTHH:MM:SS" in UTC, `seconds` from now.
function utcInputValue(seconds) {
  return new Date(Date.now() + seconds * 1000).toISOString().slice(0, 19);
}

test('A: an editor writes, previews and schedules an article; a reader sees it at its time',
  { timeout: kTestTimeoutMs }, withServerLog(async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      const pageErrors = collectPageErrors(page);
      const consoleErrors = collectConsoleErrors(page);
      await signIn(page);
      await page.getByRole('link', { name: 'New article' }).click();
      await page.getByLabel('Title', { exact: true }).fill('Lanterns Along The Quay');
      await page.getByLabel(/^Summary/).fill('The quay gets its lamps back.');
      await page.getByLabel('Body (Markdown)').fill('The lamps are **lit** again.\n\n- one\n- two');
      // The live preview: the server's rendering, fetched by admin.js.
      await page.locator('#article-preview strong', { hasText: 'lit' }).waitFor();
      assert.equal(await page.locator('#article-preview li').count(), 2);
      await page.getByLabel(/^Category/).fill('River Life');
      await page.getByLabel(/^Tags/).fill('quay, lamps');
      await page.getByLabel('Status').selectOption('scheduled');
      await page.getByLabel(/^Publication time/).fill(utcInputValue(6));
      await Promise.all([
        page.waitForURL(/\/admin\/articles\/\d+\?saved=1/),
        page.getByRole('button', { name: 'Save' }).click(),
      ]);
      await page.getByText('Saved.').waitFor();
      assert.equal(await page.getByLabel(/^Tags/).inputValue(), 'quay, lamps');
      assert.equal(await page.getByLabel('Status').inputValue(), 'scheduled');
      assert.deepEqual(pageErrors, []);
      assert.deepEqual(consoleErrors, []);

      // A reader, with no sign-in: not yet, then there without anyone doing anything.
      const reader = await (await newContext(browser)).newPage();
      await reader.goto(server.url('/'));
      assert.equal(await reader.getByText('Lanterns Along The Quay').count(), 0, 'not before its time');
      const deadline = Date.now() + 60_000;
      let seen = false;
      while (!seen && Date.now() < deadline) {
        await delay(500);
        await reader.goto(server.url('/'));
        seen = (await reader.getByRole('link', { name: 'Lanterns Along The Quay' }).count()) > 0;
      }
      assert.ok(seen, 'the scheduled article appeared on the front page');
      await reader.getByRole('link', { name: 'Lanterns Along The Quay' }).first().click();
      await reader.locator('h1', { hasText: 'Lanterns Along The Quay' }).waitFor();
      await reader.locator('strong', { hasText: 'lit' }).waitFor();
      await reader.context().close();
    } finally {
      await context.close();
    }
  }));

test('B: without JavaScript the Preview button shows the rendering',
  { timeout: kTestTimeoutMs }, withServerLog(async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await signIn(page);
      await page.goto(server.url('/admin/articles/new'));
      await page.getByLabel('Title', { exact: true }).fill('Preview Without Script');
      await page.getByLabel('Body (Markdown)').fill('A *quiet* preview.');
      await Promise.all([
        page.waitForURL(/\/admin\/preview/),
        page.getByRole('button', { name: 'Preview' }).click(),
      ]);
      await page.locator('#article-preview em', { hasText: 'quiet' }).waitFor();
      assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Preview Without Script',
        'the form keeps what was typed');
    } finally {
      await context.close();
    }
  }));

test('C: axe-core finds no violations on any back-office page; nothing scrolls sideways at 360 px',
  { timeout: kTestTimeoutMs }, withServerLog(async (t) => {
    const failures = [];
    const check = axeCheckFor(t, failures);
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      const pageErrors = collectPageErrors(page);
      const consoleErrors = collectConsoleErrors(page);
      // The sign-in form, signed out.
      await page.goto(server.url('/admin/login'));
      await check('sign-in form', page);
      await signIn(page);
      // An article with two revisions, for the revisions and changes pages.
      await page.goto(server.url('/admin/articles/1'));
      await page.getByLabel('Body (Markdown)').fill('Changed for the revisions page.');
      await Promise.all([page.waitForURL(/saved=1/), page.getByRole('button', { name: 'Save' }).click()]);
      const pages = ['/admin/articles', '/admin/articles?status=published&q=a', '/admin/articles/new',
        '/admin/articles/1', '/admin/articles/1/revisions', '/admin/articles/1/diff',
        '/admin/articles/1/delete', '/admin/trash', '/admin/users', '/admin/account',
        '/admin/no-such-page'];
      for (const colorScheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme });
        for (const path of pages) {
          await page.goto(server.url(path));
          await check(`${path} (${colorScheme})`, page);
        }
      }
      await page.setViewportSize({ width: 360, height: 740 });
      for (const path of ['/admin/login', ...pages]) {
        await page.goto(server.url(path));
        const overflow = await page.evaluate(() =>
          document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow} px at 360 px wide`);
      }
      assert.deepEqual(pageErrors, []);
      // The one expected: /admin/no-such-page answers 404 on purpose.
      assert.deepEqual(consoleErrors.filter((text) => !text.includes('/admin/no-such-page')), []);
      assert.deepEqual(failures, []);
    } finally {
      await context.close();
    }
  }));

test('D: no back-office page broke the Content-Security-Policy', { timeout: kTestTimeoutMs },
  withServerLog(async () => {
    await checkNoCspViolations(browser, server.baseUrl);
  }));
