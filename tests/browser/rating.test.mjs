// "Rate this item" in a real browser: the plain form without JavaScript, the in-place update
// with static/js/rating.js, the keyboard path, and axe-core on the pages that show ratings.
//
//   BROADSHEET_BINARY=build/test/src/broadsheet BROADSHEET_SOURCE_DIR=$PWD \
//     node --test tests/browser/
//
// Needs `npm ci --ignore-scripts` (playwright-core, axe-core) and Debian's chromium package.
// Each test rates a different demo article from a new browser context (a new reader with no
// cookie), and computes what it expects from the rating text it saw before voting.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  articlePaths,
  axeCheckFor,
  collectPageErrors,
  withServerLogOf,
  kActionTimeoutMs,
  launchBrowser,
  newContext,
  startServer,
  stopServer,
  checkNoCspViolations,
} from './harness.mjs';

const kTestTimeoutMs = 240_000;

let server;
let browser;
let articles = [];

before(async () => {
  // Three readers vote from one address in a few seconds: lift the per-address limit so the
  // tests exercise the widget, not the rate limiter (which tests/http covers).
  server = await startServer({ extraSets: ['ratings.votes_per_address=1000'] });
  const front = await fetch(server.url('/'), { signal: AbortSignal.timeout(kActionTimeoutMs) });
  assert.equal(front.status, 200, 'GET / should answer 200');
  articles = articlePaths(await front.text());
  assert.ok(articles.length > 0, 'the demo front page should link to articles');
  browser = await launchBrowser();
}, { timeout: 120_000 });

after(async () => {
  try {
    if (browser) await browser.close();
  } finally {
    await stopServer(server);
  }
}, { timeout: 60_000 });

function articleFor(index) {
  return articles[index % articles.length];
}

// ---- What the rating text says, and what it may say after one more vote -------------------

function votesLabel(votes) {
  return `(${votes} ${votes === 1 ? 'vote' : 'votes'})`;
}

// Parses "Rated 4.2 out of 5 (17 votes)" or "Not rated yet (0 votes)", checking the wording.
function parseRatingText(text) {
  if (text === 'Not rated yet (0 votes)') return { votes: 0, tenths: null };
  const match = /^Rated ([0-5])\.(\d) out of 5 \((\d+) (votes?)\)$/.exec(text);
  assert.ok(match, `rating text has the agreed wording: ${JSON.stringify(text)}`);
  const votes = Number(match[3]);
  assert.ok(votes >= 1, `a rated article has at least one vote: ${JSON.stringify(text)}`);
  assert.equal(match[4], votes === 1 ? 'vote' : 'votes', `singular only for one vote: ${text}`);
  return { votes, tenths: Number(match[1]) * 10 + Number(match[2]) };
}

// The average sum/count in tenths, rounded to nearest; both neighbours on an exact half, since
// the server may round half up or half to even.
function roundedTenths(sum, count) {
  const exact = (sum * 10) / count;
  return new Set([Math.floor(exact + 0.5 - 1e-9), Math.ceil(exact - 0.5 + 1e-9)]);
}

// Every text the widget may show after `stars` is added to what `beforeText` said. Only the
// rounded average is visible, so each star total consistent with it is considered.
function textsAfterVote(beforeText, stars) {
  const before = parseRatingText(beforeText);
  const sums = [];
  if (before.votes === 0) {
    sums.push(0);
  } else {
    for (let sum = before.votes; sum <= 5 * before.votes; ++sum) {
      if (roundedTenths(sum, before.votes).has(before.tenths)) sums.push(sum);
    }
  }
  const votes = before.votes + 1;
  const texts = new Set();
  for (const sum of sums) {
    for (const tenths of roundedTenths(sum + stars, votes)) {
      texts.add(`Rated ${(tenths / 10).toFixed(1)} out of 5 ${votesLabel(votes)}`);
    }
  }
  return texts;
}

// ---- Page helpers ----------------------------------------------------------------------------

async function ratingText(page) {
  const text = await page.locator('.rating-text').textContent();
  return text.replace(/\s+/g, ' ').trim();
}

async function starsClass(page) {
  const className = await page.locator('.rating-summary .stars').getAttribute('class');
  const match = /(?:^|\s)stars-(\d+)(?:\s|$)/.exec(className ?? '');
  assert.ok(match, `.stars carries a stars-N class: ${JSON.stringify(className)}`);
  return Number(match[1]);
}

// stars-N is the average rounded to the nearest half star, times two.
function assertStarsMatch(stars, text) {
  const { tenths } = parseRatingText(text);
  const average = tenths === null ? 0 : tenths / 10;
  assert.ok(stars >= 0 && stars <= 10, `stars-${stars} is within 0..10`);
  assert.ok(Math.abs(stars / 2 - average) <= 0.3,
    `stars-${stars} should show about ${average} stars (${text})`);
}

async function openArticle(context, articlePath) {
  const page = await context.newPage();
  const response = await page.goto(server.url(articlePath));
  assert.equal(response.status(), 200, `GET ${articlePath}`);
  assert.equal(await page.locator('form.rating-form').count(), 1, 'the article has one rating form');
  return page;
}

// rating.js marks each form it has taken over; waiting for that avoids submitting the plain
// form before the deferred script has run.
async function waitForEnhancement(page) {
  try {
    await page.locator('form.rating-form[data-enhanced]').waitFor({ state: 'attached' });
  } catch (error) {
    throw new Error('rating.js did not take over form.rating-form (is the script on the page?): ' +
      error.message);
  }
}

// Submits with `submit` (a click or a key press), then waits until rating.js has finished: the
// form is no longer busy and the status line says something. Returns the rating text and the
// status then; callers check them. Fails at once if the page navigates instead (the form was
// submitted without the script).
async function submitAndWaitForAnswer(page, submit) {
  let onNavigated;
  const navigated = new Promise((resolve) => {
    onNavigated = (frame) => {
      if (frame === page.mainFrame()) resolve(frame.url());
    };
    page.on('framenavigated', onNavigated);
  });
  await submit();
  const answered = page.waitForFunction(() => {
    const form = document.querySelector('form.rating-form');
    const status = document.querySelector('.rating-status')?.textContent.trim();
    return Boolean(status) && form?.getAttribute('aria-busy') !== 'true';
  }, null, { timeout: kActionTimeoutMs }).then(() => null);
  try {
    const navigatedTo = await Promise.race([answered, navigated]);
    if (navigatedTo !== null) {
      answered.catch(() => {});
      throw new Error(`the page navigated to ${navigatedTo} instead of updating in place`);
    }
  } catch (error) {
    const status = await page.locator('.rating-status').textContent().catch(() => '?');
    const text = await ratingText(page).catch(() => '?');
    error.message += ` (at ${page.url()}: rating text ${JSON.stringify(text)}, ` +
      `status ${JSON.stringify(status)})`;
    throw error;
  } finally {
    page.off('framenavigated', onNavigated);
  }
  const status = (await page.locator('.rating-status').textContent()).trim();
  return { text: await ratingText(page), status };
}

function assertNewTotal(expected, before, after, stars) {
  assert.ok(expected.has(after.text),
    `after rating ${stars} stars on ${JSON.stringify(before)} expected one of ` +
    `${JSON.stringify([...expected])}, got ${JSON.stringify(after.text)} ` +
    `(status ${JSON.stringify(after.status ?? null)})`);
}


// Counts navigations of the page's main frame after this call.
function countNavigations(page) {
  const counter = { count: 0 };
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) counter.count += 1;
  });
  return counter;
}

// Runs a test body and, when it fails, appends the end of the server's output to the error.
const withServerLog = (body) => withServerLogOf(() => server, body);

// ---- The tests -----------------------------------------------------------------------------

test('A: without JavaScript the form posts, redirects to ?rated=4 and shows the new total',
  { timeout: kTestTimeoutMs }, withServerLog(async () => {
    const articlePath = articleFor(0);
    const context = await newContext(browser, { javaScriptEnabled: false });
    try {
      const page = await openArticle(context, articlePath);
      const before = await ratingText(page);
      const expected = textsAfterVote(before, 4);

      const radio = page.locator('form.rating-form input[name="stars"][value="4"]');
      const id = await radio.getAttribute('id');
      await page.locator(`label[for="${id}"]`).click();
      assert.equal(await radio.isChecked(), true, 'clicking the label checks 4 stars');

      await Promise.all([
        page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame()),
        page.locator('form.rating-form .rating-submit').click(),
      ]);
      await page.waitForLoadState('load');
      const landed = new URL(page.url());
      assert.deepEqual([landed.pathname, landed.search], [articlePath, '?rated=4'],
        `the POST redirects back to the article with ?rated=4 (landed on ${landed.href}, ` +
        `which says ${JSON.stringify((await page.locator('h1').first().textContent()) ?? '')})`);

      await page.locator('.rating-notice').waitFor({ state: 'visible' });
      const afterText = await ratingText(page);
      assertNewTotal(expected, before, { text: afterText }, 4);
      assertStarsMatch(await starsClass(page), afterText);
    } finally {
      await context.close();
    }
  }));

test('B: with JavaScript the rating updates in place, without a page load',
  { timeout: kTestTimeoutMs }, withServerLog(async () => {
    const articlePath = articleFor(1);
    const context = await newContext(browser);
    try {
      const page = await openArticle(context, articlePath);
      const pageErrors = collectPageErrors(page);
      await waitForEnhancement(page);
      const urlBefore = page.url();
      const before = await ratingText(page);
      const expected = textsAfterVote(before, 2);
      const navigations = countNavigations(page);

      const radio = page.locator('form.rating-form input[name="stars"][value="2"]');
      const id = await radio.getAttribute('id');
      await page.locator(`label[for="${id}"]`).click();
      const answer = await submitAndWaitForAnswer(page,
        () => page.locator('form.rating-form .rating-submit').click());

      assertNewTotal(expected, before, answer, 2);
      assertStarsMatch(await starsClass(page), answer.text);
      assert.match(answer.status, /thank/i, 'the status thanks the reader');
      assert.match(answer.status, /\b2 stars\b/, 'the status names the rating given');
      assert.equal(page.url(), urlBefore, 'the URL did not change');
      assert.equal(navigations.count, 0, 'the page did not navigate');
      assert.equal(await radio.isChecked(), true, 'the chosen radio stays checked');
      assert.deepEqual(pageErrors, [], 'no script errors');

      // The vote is stored: a fresh load of the page shows the same total.
      await page.reload();
      assert.ok(expected.has(await ratingText(page)), 'the new total survives a reload');
    } finally {
      await context.close();
    }
  }));

test('C: the keyboard alone can choose 3 stars and submit',
  { timeout: kTestTimeoutMs }, withServerLog(async () => {
    const articlePath = articleFor(2);
    const context = await newContext(browser);
    try {
      const page = await openArticle(context, articlePath);
      const pageErrors = collectPageErrors(page);
      await waitForEnhancement(page);
      const before = await ratingText(page);
      const expected = textsAfterVote(before, 3);

      const focused = () => page.evaluate(() => {
        const element = document.activeElement;
        return {
          tag: element?.tagName.toLowerCase() ?? '',
          name: element?.getAttribute('name') ?? '',
          value: element?.getAttribute('value') ?? '',
          checked: Boolean(element?.checked),
          submit: Boolean(element?.matches('form.rating-form .rating-submit')),
          inForm: Boolean(element?.closest('form.rating-form')),
        };
      });

      // Tab from the top of the page to the star radios (a bounded walk through the links).
      let now = await focused();
      for (let presses = 0; presses < 200 && !(now.inForm && now.name === 'stars'); ++presses) {
        await page.keyboard.press('Tab');
        now = await focused();
      }
      assert.equal(now.name, 'stars', 'Tab reaches the star radios');
      assert.equal(now.value, '1', 'Tab lands on the first radio when none is chosen');

      // A visible focus indicator on the focused radio's label.
      const outline = await page.evaluate(() => {
        const label = document.querySelector(`label[for="${document.activeElement.id}"]`);
        const style = getComputedStyle(label);
        return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
      assert.ok(outline.style !== 'none' && outline.width >= 2,
        `the focused star's label shows an outline: ${JSON.stringify(outline)}`);

      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      now = await focused();
      assert.deepEqual([now.name, now.value, now.checked], ['stars', '3', true],
        'two ArrowRight presses choose 3 stars');

      for (let presses = 0; presses < 5 && !now.submit; ++presses) {
        await page.keyboard.press('Tab');
        now = await focused();
      }
      assert.ok(now.submit, 'Tab moves from the stars to the Rate button');
      const answer = await submitAndWaitForAnswer(page, () => page.keyboard.press('Enter'));

      assertNewTotal(expected, before, answer, 3);
      assert.equal(parseRatingText(answer.text).votes, parseRatingText(before).votes + 1,
        'the count went up by one');
      assert.match(answer.status, /\b3 stars\b/, 'the status names the rating given');
      assert.ok((await focused()).submit, 'focus stays on the Rate button after the update');
      assert.deepEqual(pageErrors, [], 'no script errors');
    } finally {
      await context.close();
    }
  }));

test('D: axe-core finds no violations on the pages that show ratings',
  { timeout: kTestTimeoutMs }, withServerLog(async (t) => {
    const articlePath = articleFor(3);
    const categoryPath = articlePath.slice(0, articlePath.indexOf('/', 1) + 1);
    const context = await newContext(browser);
    const failures = [];
    const check = axeCheckFor(t, failures);
    try {
      const page = await context.newPage();
      // The site has a dark scheme of its own, so contrast is checked in both.
      for (const colorScheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme });
        await page.goto(server.url(articlePath));
        await check(`article ${articlePath} (${colorScheme})`, page);

        // The same page with the thank-you notice, as the no-JS redirect shows it.
        await page.goto(server.url(`${articlePath}?rated=4`));
        await check(`article ${articlePath}?rated=4 (${colorScheme})`, page);

        await page.goto(server.url('/'));
        await check(`front page / (${colorScheme})`, page);

        await page.goto(server.url(categoryPath));
        await check(`category ${categoryPath} (${colorScheme})`, page);
      }
    } finally {
      await context.close();
    }
    if (failures.length > 0) console.error(`axe violations:\n${failures.join('\n\n')}`);
    assert.equal(failures.length, 0, `axe reported violations on ${failures.length} page(s)`);
  }));

test('Z: no page broke the Content-Security-Policy', async () => {
  await checkNoCspViolations(browser, server.baseUrl);
}, { timeout: 120_000 });
