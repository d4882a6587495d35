// "Add comment" in a real browser: the form shown in place by static/js/comments.js with an
// image code or a proof-of-work puzzle, the plain form page without JavaScript, moderation,
// a wrong code, axe-core on the pages that carry the form, and how errors are shown and cleared
// (a field put right, a refused proof-of-work check).
//
//   BROADSHEET_BINARY=build/test/src/broadsheet BROADSHEET_SOURCE_DIR=$PWD \
//     node --test tests/browser/comments.test.mjs
//
// The security code is read the way a person would not: the token of the code shown (the hidden
// captcha_token field, or the image's token= parameter) is handed to `broadsheet captcha solve`
// with the server's data dir, which prints the answer. Each test comments on a different demo
// article from a new browser context (a new reader with no cookie), with a text of its own.
// Tests C, D and H change store settings (comments.moderation, captcha.kind) with the CLI and
// put them back before they end, waiting until the running server acts on each change; node:test
// runs the tests of one file one after another, so no other test sees the changed setting.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';

import {
  articlePaths,
  axeCheckFor,
  collectPageErrors,
  withServerLogOf,
  kActionTimeoutMs,
  launchBrowser,
  newContext,
  runBroadsheet,
  startServer,
  stopServer,
  checkNoCspViolations,
} from './harness.mjs';

const kTestTimeoutMs = 300_000;
const kSettingDeadlineMs = 30_000;
const kPowDeadlineMs = 60_000;
const kPublishedNotice = 'Thank you: your comment is published.';

let server;
let browser;
let articles = [];

before(async () => {
  // No minimum fill time (a test types faster than a person), and no address or reader limit
  // for the few dozen comments this file posts from one address.
  server = await startServer({
    extraSets: ['comments.min_fill_ms=0', 'comments.per_address=1000', 'comments.per_reader=1000',
      'captcha.per_address=1000'],
  });
  const front = await fetch(server.url('/'), { signal: AbortSignal.timeout(kActionTimeoutMs) });
  assert.equal(front.status, 200, 'GET / should answer 200');
  articles = articlePaths(await front.text());
  assert.ok(articles.length >= 9, `the demo front page should link to at least 9 articles ` +
    `(one per test and one for probes), found ${articles.length}`);
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
  return articles[index];
}

// The article that probe comments (posted from Node to learn the moderation mode) go to; no
// test looks at it.
function probeArticle() {
  return articles[articles.length - 1];
}

// Words only: no quotes or dashes the server might turn into typographic ones.
function uniqueText(label) {
  const suffix = `${Date.now().toString(36)}x${Math.random().toString(36).slice(2, 8)}`;
  return `Browser test ${label} comment ${suffix} about the lantern parade`;
}

// ---- The CLI and the store settings ----------------------------------------------------------

// Runs `broadsheet COMMAND... --data DIR -- POSITIONALS...`. The `--` matters: a token is
// base64url, so about one in 64 starts with "-" and would otherwise be taken for an option.
async function cli(command, positionals = []) {
  const args = [...command, '--data', server.dataDir, '--', ...positionals];
  const run = await runBroadsheet(args);
  assert.equal(run.code, 0,
    `broadsheet ${args.join(' ')} exited ${run.code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
  return run.stdout;
}

async function solve(token) {
  assert.ok(token, 'there is a token to solve');
  const answer = (await cli(['captcha', 'solve'], [token])).trim();
  assert.match(answer, /^\S+$/, `captcha solve prints one answer: ${JSON.stringify(answer)}`);
  return answer;
}

// Calls probe() (which answers { done, value, seen }) until done, for at most deadlineMs, and
// returns that value; otherwise throws with `what` and the last thing seen.
async function pollUntil(what, probe, { deadlineMs = kSettingDeadlineMs, intervalMs = 250 } = {}) {
  const deadline = Date.now() + deadlineMs;
  let last = 'nothing yet';
  for (;;) {
    try {
      const { done, value, seen } = await probe();
      if (done) return value;
      last = seen;
    } catch (error) {
      last = `error: ${error.message}`;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not so after ${deadlineMs} ms (last: ${last})`);
    await delay(intervalMs);
  }
}

async function newChallenge() {
  const response = await fetch(server.url('/captcha/new'), {
    headers: { Accept: 'application/json' },
    signal: AbortSignal.timeout(kActionTimeoutMs),
  });
  assert.equal(response.status, 200, 'GET /captcha/new');
  return response.json();
}

// Sets captcha.kind and waits until /captcha/new hands out that kind.
async function setChallengeKind(kind) {
  await cli(['settings', 'set'], ['captcha.kind', kind]);
  await pollUntil(`/captcha/new hands out kind ${kind}`, async () => {
    const challenge = await newChallenge();
    return { done: challenge.kind === kind, seen: JSON.stringify(challenge.kind) };
  });
}

// Posts a comment from Node, as a script would, and returns the status the server gave it
// ("published" or "held").
async function probePost() {
  const challenge = await newChallenge();
  const answer = await solve(challenge.token);
  const body = new URLSearchParams({
    name: 'Moderation probe',
    comment: uniqueText('probe'),
    captcha_token: challenge.token,
    captcha_answer: answer,
  });
  const response = await fetch(server.url(`${probeArticle()}/comments`), {
    method: 'POST',
    headers: {
      Accept: 'application/json',
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: new URL(server.baseUrl).origin,
    },
    body,
    signal: AbortSignal.timeout(kActionTimeoutMs),
  });
  const text = await response.text();
  assert.equal(response.status, 201, `the probe comment is accepted: ${text}`);
  return JSON.parse(text).status;
}

// Sets comments.moderation and waits until the next comment gets the status that mode gives.
async function setModeration(mode) {
  const expected = { open: 'published', held: 'held' }[mode];
  assert.ok(expected, `a mode this file knows: ${mode}`);
  await cli(['settings', 'set'], ['comments.moderation', mode]);
  await pollUntil(`comments are ${expected} after moderation ${mode}`, async () => {
    const status = await probePost();
    return { done: status === expected, seen: status };
  });
}

// ---- Page helpers ----------------------------------------------------------------------------

async function openArticle(context, articlePath) {
  const page = await context.newPage();
  const response = await page.goto(server.url(articlePath));
  assert.equal(response.status(), 200, `GET ${articlePath}`);
  assert.equal(await page.locator('form.comment-form').count(), 1,
    'the article has one comment form');
  return page;
}

// What the comment form looks like now, for failure messages.
async function formState(page) {
  return page.evaluate(() => {
    const form = document.querySelector('form.comment-form');
    if (!form) return { url: location.href, form: 'none' };
    const img = form.querySelector('.captcha-image img');
    return {
      url: location.href,
      formBoxHidden: form.closest('.comment-form-js')?.hidden ?? null,
      ready: form.dataset.ready ?? null,
      token: form.querySelector('input[name="captcha_token"]')?.value ?? null,
      imageBoxHidden: form.querySelector('.captcha-image')?.hidden ?? null,
      img: img ? { src: img.getAttribute('src'), complete: img.complete,
        naturalWidth: img.naturalWidth } : null,
      pow: form.querySelector('.captcha-pow')?.textContent.trim() ?? null,
      powHidden: form.querySelector('.captcha-pow')?.hidden ?? null,
      status: form.querySelector('.comment-status')?.textContent.trim() ?? null,
      errors: [...form.querySelectorAll('.field-error, .form-error')].map((node) =>
        node.textContent.trim()),
    };
  }).catch((error) => ({ error: error.message }));
}

async function withFormState(page, promise) {
  try {
    return await promise;
  } catch (error) {
    error.message += `\n(comment form: ${JSON.stringify(await formState(page))})`;
    throw error;
  }
}

// Waits until the form is ready with an image code whose picture has loaded, and returns the
// token of the code shown. The image must be the one for the token in the form (the img src
// carries token=...), so a half-swapped challenge is never read.
async function waitForImageChallenge(page, { previousToken = null } = {}) {
  const handle = await withFormState(page, page.waitForFunction((previous) => {
    const form = document.querySelector('form.comment-form');
    if (!form || form.dataset.ready !== 'true') return false;
    const token = form.querySelector('input[name="captcha_token"]')?.value;
    const img = form.querySelector('.captcha-image img');
    if (!token || token === previous || !img || !img.getAttribute('src')) return false;
    const src = new URL(img.getAttribute('src'), location.href);
    if (src.searchParams.get('token') !== token) return false;
    return img.complete && img.naturalWidth > 0 ? token : false;
  }, previousToken, { timeout: kActionTimeoutMs }));
  const token = await handle.jsonValue();
  const form = page.locator('form.comment-form');
  assert.equal(await form.locator('.captcha-image').isVisible(), true, 'the image code is shown');
  assert.equal(await form.locator('.captcha-pow').isVisible(), false, 'no puzzle note with an image');
  return token;
}

// The form page (no script): the image code the server put in, loaded, with its token.
async function imageOnFormPage(page) {
  const form = page.locator('form.comment-form');
  await form.locator('.captcha-image img').waitFor({ state: 'visible' });
  const token = await form.locator('input[name="captcha_token"]').inputValue();
  assert.ok(token, 'the form page carries a token');
  const img = await form.locator('.captcha-image img').evaluate((node) => ({
    src: node.getAttribute('src'),
    complete: node.complete,
    naturalWidth: node.naturalWidth,
  }));
  assert.equal(img.src, `/captcha/image?token=${token}`, 'the image is the code of the token');
  // The page's load event has fired (goto waits for it), so the image is complete by now.
  assert.ok(img.complete && img.naturalWidth > 0, `the image code has loaded: ${JSON.stringify(img)}`);
  return token;
}

function fields(page) {
  const form = page.locator('form.comment-form');
  return {
    form,
    name: form.getByRole('textbox', { name: /^Name\b/ }),
    comment: form.getByRole('textbox', { name: /^Comment\b/ }),
    code: form.getByRole('textbox', { name: /^Type the characters/ }),
    submit: form.getByRole('button', { name: 'Post comment' }),
  };
}

// Clicks "Post comment" and waits until the page is at ?commented=...; returns that URL.
async function postAndLand(page, submit) {
  await withFormState(page, Promise.all([
    page.waitForURL((url) => url.searchParams.has('commented'), { waitUntil: 'load' }),
    submit.click(),
  ]));
  return new URL(page.url());
}

// The article at ?commented=ID shows the published notice and the comment in the list.
async function assertPublished(page, articlePath, landed, text, { hash }) {
  const match = /^\?commented=(\d+)$/.exec(landed.search);
  assert.ok(match, `landed on ?commented=ID: ${landed.href} (page says ` +
    `${JSON.stringify((await page.locator('.comment-notice').textContent().catch(() => null)))})`);
  const id = match[1];
  assert.equal(landed.pathname, articlePath, 'back on the article');
  assert.equal(landed.hash, hash(id), 'the URL points at the comments');

  const notice = page.locator('.comment-notice');
  await notice.waitFor({ state: 'visible' });
  assert.equal((await notice.textContent()).trim(), kPublishedNotice);
  assert.equal(await notice.getAttribute('role'), 'status', 'the notice is a status message');

  const list = page.locator('ol.comment-list');
  assert.equal(await list.isVisible(), true, 'the comment list is shown');
  const item = list.locator(`li.comment#comment-${id}`);
  assert.equal(await item.count(), 1, `the list has the new comment #comment-${id}`);
  assert.equal((await item.locator('.comment-body').textContent()).trim(), text,
    'the comment reads as typed');
  assert.equal(await page.locator('.comments-empty').count(), 0, 'no "No comments yet"');
  return id;
}


// Runs a test body and, when it fails, appends the end of the server's output to the error.
const withServerLog = (body) => withServerLogOf(() => server, body);

// Fills the form with JavaScript on, solving the image code shown, and posts it.
async function postWithImageCode(page, { name, text }) {
  const token = await waitForImageChallenge(page);
  const answer = await solve(token);
  const form = fields(page);
  await form.name.fill(name);
  await form.comment.fill(text);
  await form.code.fill(answer);
  return postAndLand(page, form.submit);
}

// ---- The tests -----------------------------------------------------------------------------

test('A: with JavaScript the form is shown in place, posts, and the comment is published',
  { timeout: kTestTimeoutMs }, withServerLog(async () => {
    const articlePath = articleFor(0);
    const context = await newContext(browser);
    try {
      const page = await openArticle(context, articlePath);
      const pageErrors = collectPageErrors(page);
      const form = fields(page);
      await withFormState(page, page.locator('.comment-form-js').waitFor({ state: 'visible' }));
      assert.equal(await page.locator('.comment-add').isVisible(), false,
        'the "Add comment" link is hidden once the form is shown');

      const text = uniqueText('A');
      const landed = await postWithImageCode(page, { name: 'Ada Reader', text });
      const id = await assertPublished(page, articlePath, landed, text, { hash: () => '#comments' });
      assert.match(await page.locator(`#comment-${id} .comment-author`).textContent(), /Ada Reader/);
      assert.equal(await form.form.count(), 1, 'the article still has its form');
      assert.deepEqual(pageErrors, [], 'no script errors');
    } finally {
      await context.close();
    }
  }));

test('B: without JavaScript "Add comment" leads to the form page, which posts and redirects',
  { timeout: kTestTimeoutMs }, withServerLog(async () => {
    const articlePath = articleFor(1);
    const context = await newContext(browser, { javaScriptEnabled: false });
    try {
      const page = await openArticle(context, articlePath);
      const link = page.getByRole('link', { name: 'Add comment' });
      assert.equal(await link.isVisible(), true, 'the "Add comment" link is visible');
      assert.equal(await page.locator('form.comment-form').isVisible(), false,
        'the in-place form stays hidden without script');

      await Promise.all([page.waitForURL((url) => url.pathname === `${articlePath}/comment`),
        link.click()]);
      await page.waitForLoadState('load');
      assert.equal(await page.locator('h1').textContent(), 'Add a comment');
      const token = await imageOnFormPage(page);
      const answer = await solve(token);

      const text = uniqueText('B');
      const form = fields(page);
      await form.name.fill('Bo Nojs');
      await form.comment.fill(text);
      await form.code.fill(answer);
      const landed = await postAndLand(page, form.submit);
      await assertPublished(page, articlePath, landed, text, { hash: (id) => `#comment-${id}` });
    } finally {
      await context.close();
    }
  }));

test('C: in held mode the reader is told the comment awaits moderation, and it is not shown',
  { timeout: kTestTimeoutMs }, withServerLog(async () => {
    const articlePath = articleFor(2);
    const context = await newContext(browser);
    try {
      await setModeration('held');
      const page = await openArticle(context, articlePath);
      const pageErrors = collectPageErrors(page);
      const text = uniqueText('C');
      const landed = await postWithImageCode(page, { name: 'Cy Held', text });

      assert.equal(landed.pathname, articlePath, 'back on the article');
      assert.equal(landed.search, '?commented=held', `landed on ?commented=held: ${landed.href}`);
      assert.equal(landed.hash, '#comments');
      const notice = page.locator('.comment-notice');
      await notice.waitFor({ state: 'visible' });
      assert.match((await notice.textContent()).trim(),
        /^Thank you: your comment is awaiting moderation\b/);
      assert.equal(await page.locator('ol.comment-list').getByText(text).count(), 0,
        'the held comment is not in the list');
      assert.equal(await page.getByText(text).count(), 0, 'the held comment is nowhere on the page');
      assert.deepEqual(pageErrors, [], 'no script errors');

      // It is stored, waiting for an editor.
      const pending = await cli(['comments', 'list', '--pending']);
      assert.match(pending, /Cy Held/, `comments list --pending shows it:\n${pending}`);
    } finally {
      await context.close();
      await setModeration('open');
    }
  }));

test('D: with the proof-of-work check the browser solves it alone and the comment posts',
  { timeout: kTestTimeoutMs }, withServerLog(async () => {
    const articlePath = articleFor(3);
    const context = await newContext(browser);
    try {
      await setChallengeKind('pow');
      const page = await openArticle(context, articlePath);
      const pageErrors = collectPageErrors(page);
      const form = fields(page);
      await withFormState(page, page.locator('form.comment-form[data-ready="true"]')
        .waitFor({ state: 'attached', timeout: kPowDeadlineMs }));

      const pow = form.form.locator('.captcha-pow');
      assert.equal(await pow.isVisible(), true, 'the puzzle note is shown');
      assert.equal((await pow.textContent()).trim(), 'Check complete.');
      assert.equal(await form.form.locator('.captcha-image').isVisible(), false,
        'no image code to type');
      const token = await form.form.locator('input[name="captcha_token"]').inputValue();
      const found = await form.form.locator('input[name="captcha_answer"]').inputValue();
      assert.equal(found, await solve(token), 'the browser found the sealed answer');

      const text = uniqueText('D');
      await form.name.fill('Dee Puzzle');
      await form.comment.fill(text);
      const landed = await postAndLand(page, form.submit);
      await assertPublished(page, articlePath, landed, text, { hash: () => '#comments' });
      assert.deepEqual(pageErrors, [], 'no script errors');
    } finally {
      await context.close();
      await setChallengeKind('image');
    }
  }));

test('E: with JavaScript a wrong code shows an error at the code, loads a new one, posts nothing',
  { timeout: kTestTimeoutMs }, withServerLog(async () => {
    const articlePath = articleFor(4);
    const context = await newContext(browser);
    try {
      const page = await openArticle(context, articlePath);
      const pageErrors = collectPageErrors(page);
      const urlBefore = page.url();
      const firstToken = await waitForImageChallenge(page);
      const form = fields(page);
      const text = uniqueText('E');
      await form.name.fill('Eve Typo');
      await form.comment.fill(text);
      await form.code.fill('WRONG1');
      await form.submit.click();

      const error = form.form.locator('fieldset.captcha .field-error');
      await withFormState(page, error.waitFor({ state: 'visible' }));
      assert.match((await error.textContent()).trim(), /security code/i);
      const errorId = await error.getAttribute('id');
      assert.ok(errorId, 'the error has an id');
      assert.equal(await form.code.getAttribute('aria-invalid'), 'true', 'the code is marked invalid');
      assert.equal(await form.code.getAttribute('aria-describedby'), errorId,
        'the code input is described by its error');
      assert.equal(await form.form.locator('.field-error').count(), 1, 'only the code is wrong');

      // A fresh code replaces the used one, and what was typed stays.
      const secondToken = await waitForImageChallenge(page, { previousToken: firstToken });
      assert.notEqual(secondToken, firstToken);
      assert.equal(await form.code.inputValue(), '', 'the code field is cleared for the new code');
      assert.equal(await form.comment.inputValue(), text, 'the comment text is kept');
      assert.equal(page.url(), urlBefore, 'the page did not navigate');
      assert.deepEqual(pageErrors, [], 'no script errors');

      await page.reload();
      assert.equal(await page.getByText(text).count(), 0, 'nothing was posted');
      assert.equal(await page.locator('.comment-notice').count(), 0, 'no thank-you notice');
    } finally {
      await context.close();
    }
  }));

test('F: axe-core finds no violations on the pages with the comment form',
  { timeout: kTestTimeoutMs }, withServerLog(async (t) => {
    const articlePath = articleFor(5);
    const context = await newContext(browser);
    const failures = [];
    const check = axeCheckFor(t, failures);
    try {
      const page = await context.newPage();
      // The site has a dark scheme of its own, so contrast is checked in both.
      for (const colorScheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme });

        // The article with the form shown in place by comments.js and its image code loaded.
        const response = await page.goto(server.url(articlePath));
        assert.equal(response.status(), 200);
        await waitForImageChallenge(page);
        await check(`article ${articlePath} with the form (${colorScheme})`, page);

        // The form page "Add comment" leads to (it has no script; the browser posts it).
        const formPath = `${articlePath}/comment`;
        assert.equal((await page.goto(server.url(formPath))).status(), 200, `GET ${formPath}`);
        const firstToken = await imageOnFormPage(page);
        await check(`form page ${formPath} (${colorScheme})`, page);

        // A failed post: a name of spaces only and a wrong code come back as 422 with errors.
        const text = uniqueText(`F ${colorScheme}`);
        let form = fields(page);
        await form.name.fill('   ');
        await form.comment.fill(text);
        await form.code.fill('WRONG1');
        const [refused] = await Promise.all([
          page.waitForResponse((r) => r.request().method() === 'POST' &&
            new URL(r.url()).pathname === `${articlePath}/comments`),
          form.submit.click(),
        ]);
        assert.equal(refused.status(), 422, 'the failed post answers 422');
        await page.waitForLoadState('load');
        form = fields(page);
        const errors = form.form.locator('.field-error');
        assert.ok(await errors.count() >= 1, 'the page shows the errors');
        assert.equal(await form.code.getAttribute('aria-invalid'), 'true', 'the code is marked invalid');
        assert.equal(await form.comment.inputValue(), text, 'the comment text is kept');
        const secondToken = await imageOnFormPage(page);
        assert.notEqual(secondToken, firstToken, 'a new code is shown');
        await check(`form page after a failed post (422, ${colorScheme})`, page);

        // Put it right and post: the article with the notice and the new comment.
        await form.name.fill('Fay Axe');
        await form.code.fill(await solve(secondToken));
        const landed = await postAndLand(page, form.submit);
        await assertPublished(page, articlePath, landed, text, { hash: (id) => `#comment-${id}` });
        await check(`article ${landed.pathname}${landed.search} with the comment (${colorScheme})`, page);
      }
    } finally {
      await context.close();
    }
    if (failures.length > 0) console.error(`axe violations:\n${failures.join('\n\n')}`);
    assert.equal(failures.length, 0, `axe reported violations on ${failures.length} page(s)`);
  }));

test('G: with JavaScript a field put right loses its error mark on the next try',
  { timeout: kTestTimeoutMs }, withServerLog(async () => {
    const articlePath = articleFor(6);
    const context = await newContext(browser);
    try {
      const page = await openArticle(context, articlePath);
      const pageErrors = collectPageErrors(page);
      let token = await waitForImageChallenge(page);
      const form = fields(page);
      // A name of spaces passes the browser's `required` check; the server refuses it.
      await form.name.fill('   ');
      await form.comment.fill(uniqueText('G'));
      await form.code.fill('WRONG1');
      await form.submit.click();
      await withFormState(page, page.waitForFunction(
        () => document.querySelectorAll('form.comment-form .field-error').length === 2));
      assert.equal(await form.name.getAttribute('aria-invalid'), 'true', 'the name is marked invalid');
      assert.equal(await form.code.getAttribute('aria-invalid'), 'true', 'the code is marked invalid');

      // Put the name right, get the code wrong again: only the code is in error now.
      token = await waitForImageChallenge(page, { previousToken: token });
      await form.name.fill('Gus Fixed');
      await form.code.fill('WRONG2');
      await form.submit.click();
      await waitForImageChallenge(page, { previousToken: token });
      const errors = form.form.locator('.field-error');
      assert.equal(await errors.count(), 1, 'one error is left');
      assert.equal(await form.code.getAttribute('aria-invalid'), 'true', 'the code is still invalid');
      const nameState = await form.name.evaluate((input) => ({
        ariaInvalid: input.getAttribute('aria-invalid'),
        describedBy: input.getAttribute('aria-describedby'),
        describedByExists: Boolean(input.getAttribute('aria-describedby') &&
          document.getElementById(input.getAttribute('aria-describedby'))),
      }));
      assert.ok(nameState.ariaInvalid !== 'true',
        `the corrected name is no longer marked invalid: ${JSON.stringify(nameState)}`);
      assert.ok(!nameState.describedBy || nameState.describedByExists,
        `the name is not described by an error that is gone: ${JSON.stringify(nameState)}`);
      assert.deepEqual(pageErrors, [], 'no script errors');
    } finally {
      await context.close();
    }
  }));

test('H: with the proof-of-work check a refused check is shown to the reader',
  { timeout: kTestTimeoutMs }, withServerLog(async () => {
    const articlePath = articleFor(7);
    const context = await newContext(browser);
    try {
      await setChallengeKind('pow');
      const page = await openArticle(context, articlePath);
      const pageErrors = collectPageErrors(page);
      const form = fields(page);
      await withFormState(page, page.locator('form.comment-form[data-ready="true"]')
        .waitFor({ state: 'attached', timeout: kPowDeadlineMs }));
      const token = await form.form.locator('input[name="captcha_token"]').inputValue();

      // The server refuses the check, as it does a code that expired while the page stood open
      // (comments.token_ttl_s): here the found number is swapped for a wrong one.
      const answer = form.form.locator('input[name="captcha_answer"]');
      const wrong = String((Number(await answer.inputValue()) + 1) % 10);
      await answer.evaluate((input, value) => { input.value = value; }, wrong);
      await form.name.fill('Hal Expired');
      await form.comment.fill(uniqueText('H'));
      await form.submit.click();

      // The refusal is answered with a new puzzle, solved in the background again.
      await withFormState(page, page.waitForFunction((previous) => {
        const node = document.querySelector('form.comment-form');
        return node.dataset.ready === 'true' &&
          node.querySelector('input[name="captcha_token"]').value !== previous;
      }, token, { timeout: kPowDeadlineMs }));
      assert.equal(new URL(page.url()).search, '', 'nothing was posted');

      // The reader must be able to see why the click did not post: a visible error or status.
      const visible = await page.evaluate(() => {
        const node = document.querySelector('form.comment-form');
        const shown = (element) => element.checkVisibility() && element.textContent.trim() !== '';
        return [...node.querySelectorAll('.field-error, .comment-status')]
          .filter(shown).map((element) => element.textContent.trim());
      });
      assert.ok(visible.length > 0,
        `the refusal is visible in the form (form: ${JSON.stringify(await formState(page))})`);
      assert.deepEqual(pageErrors, [], 'no script errors');
    } finally {
      await context.close();
      await setChallengeKind('image');
    }
  }));

test('Z: no page broke the Content-Security-Policy', async () => {
  await checkNoCspViolations(browser, server.baseUrl);
}, { timeout: 120_000 });
