// The newsroom's desk in a real browser (issue 11): an editor uploads a picture, makes it the
// featured picture of a new article, publishes it and holds its comments; a reader sees the
// picture (a srcset candidate the server answers with an image, nosniff) and comments; the
// editor approves the comment and the reader then sees it. The audit log names each of those
// actions and who did them; axe-core finds nothing on the new back-office pages (the redirects
// page with a redirect added through its form among them) and the article,
// in light and dark, and none of them scrolls sideways at 360 px; an Arabic site is right-to-left
// and its front page does not scroll sideways at 360 px; no script or console errors, no CSP
// violations.
//
//   BROADSHEET_BINARY=build/test/src/broadsheet BROADSHEET_SOURCE_DIR=$PWD \
//     node --test tests/browser/newsroom.test.mjs
//
// Tests B and C use what test A made (the picture, the article, the comment); node:test runs
// the tests of one file one after another, in order.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  axeCheckFor,
  checkNoCspViolations,
  collectConsoleErrors,
  collectPageErrors,
  demoAdminPassword,
  kActionTimeoutMs,
  launchBrowser,
  newContext,
  runBroadsheet,
  signInToDesk,
  startServer,
  stopServer,
  withServerLogOf,
} from './harness.mjs';

const kTestTimeoutMs = 240_000;
const kEditor = 'admin@example.org';
const kPictureName = 'harbour-lights.png';
const kPictureWidth = 1200;
const kPictureHeight = 800;
const kTitle = 'Harbour Lights Return';

let server;
let browser;
let adminPassword;

// What test A made, for the tests after it.
const made = { mediaId: null, articleId: null, articlePath: null, commentId: null };

before(async () => {
  // No minimum fill time for the comment form: a test types faster than a person.
  server = await startServer({
    extraSets: ['admin.password_cost=minimum', 'comments.min_fill_ms=0'],
  });
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

// `broadsheet captcha solve` with the server's data dir prints the answer of a token. The `--`
// keeps a token that starts with "-" from being taken for an option.
async function solve(token) {
  assert.ok(token, 'there is a token to solve');
  const run = await runBroadsheet(['captcha', 'solve', '--data', server.dataDir, '--', token]);
  assert.equal(run.code, 0, `captcha solve exited ${run.code}: ${run.stderr}`);
  const answer = run.stdout.trim();
  assert.match(answer, /^\S+$/, `captcha solve prints one answer: ${JSON.stringify(answer)}`);
  return answer;
}

// Waits until comments.js has shown the form with an image code whose picture has loaded and
// is the one of the token in the form; returns that token.
async function waitForImageChallenge(page) {
  const handle = await page.waitForFunction(() => {
    const form = document.querySelector('form.comment-form');
    if (!form || form.dataset.ready !== 'true') return false;
    const token = form.querySelector('input[name="captcha_token"]')?.value;
    const img = form.querySelector('.captcha-image img');
    if (!token || !img || !img.getAttribute('src')) return false;
    const src = new URL(img.getAttribute('src'), location.href);
    if (src.searchParams.get('token') !== token) return false;
    return img.complete && img.naturalWidth > 0 ? token : false;
  }, null, { timeout: kActionTimeoutMs });
  return handle.jsonValue();
}

// A real PNG drawn by the browser: a gradient sky, a sea and a few lights, so the encoder has
// something more than one flat colour to work on.
async function drawPng(page, width, height) {
  const dataUrl = await page.evaluate(([w, h]) => {
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const g = canvas.getContext('2d');
    const sky = g.createLinearGradient(0, 0, 0, h);
    sky.addColorStop(0, '#1b2a4a');
    sky.addColorStop(1, '#e0905a');
    g.fillStyle = sky;
    g.fillRect(0, 0, w, h);
    g.fillStyle = '#0d3b52';
    g.fillRect(0, h * 0.65, w, h * 0.35);
    g.fillStyle = '#ffd76a';
    for (let i = 0; i < 12; ++i) {
      g.beginPath();
      g.arc((i + 0.5) * (w / 12), h * 0.6, h / 40, 0, 2 * Math.PI);
      g.fill();
    }
    return canvas.toDataURL('image/png');
  }, [width, height]);
  const [header, base64] = dataUrl.split(',');
  assert.equal(header, 'data:image/png;base64', 'the canvas made a PNG');
  const buffer = Buffer.from(base64, 'base64');
  assert.equal(buffer.subarray(1, 4).toString('latin1'), 'PNG', 'the bytes are a PNG');
  return buffer;
}

// The URLs of a srcset attribute ("url 480w, url 960w").
function srcsetUrls(srcset) {
  return (srcset ?? '').split(',').map((candidate) => candidate.trim().split(/\s+/)[0])
    .filter(Boolean);
}

// Posts a comment from Node, as a script would (Accept: JSON, with the site's Origin), and
// returns the status the server gave it ("published" or "held").
async function postComment(articlePath, name, text) {
  const challenge = await (await fetch(server.url('/captcha/new'), {
    headers: { Accept: 'application/json' },
    signal: AbortSignal.timeout(kActionTimeoutMs),
  })).json();
  const response = await fetch(server.url(`${articlePath}/comments`), {
    method: 'POST',
    headers: {
      Accept: 'application/json',
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: new URL(server.baseUrl).origin,
    },
    body: new URLSearchParams({
      name, comment: text, captcha_token: challenge.token, captcha_answer: await solve(challenge.token),
    }),
    signal: AbortSignal.timeout(kActionTimeoutMs),
  });
  const body = await response.text();
  assert.equal(response.status, 201, `the comment is accepted: ${body}`);
  return JSON.parse(body).status;
}

// The rows of #audit-table as objects keyed by the column headings.
async function auditRows(page) {
  return page.locator('#audit-table').evaluate((table) => {
    const keys = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
    return [...table.querySelectorAll('tbody tr')].map((tr) => Object.fromEntries(
      [...tr.cells].map((cell, index) => [keys[index], cell.textContent.trim()])));
  });
}

test('A: an editor publishes an article with an uploaded picture; a held comment is approved',
  { timeout: kTestTimeoutMs }, withServerLog(async () => {
    const editorContext = await newContext(browser);
    // A reader of a wide screen, with no cookies of the editor.
    const readerContext = await newContext(browser, { viewport: { width: 1280, height: 900 } });
    try {
      const editor = await editorContext.newPage();
      const editorErrors = collectPageErrors(editor);
      const editorConsole = collectConsoleErrors(editor);
      await signIn(editor);

      // Upload: the library page's form, with a PNG the browser drew.
      await editor.goto(server.url('/admin/media'));
      const png = await drawPng(editor, kPictureWidth, kPictureHeight);
      await editor.getByLabel('Picture (JPEG, PNG, WebP or GIF)')
        .setInputFiles({ name: kPictureName, mimeType: 'image/png', buffer: png });
      await editor.getByLabel('Description (alt text)').fill('Lamps lit along the harbour wall');
      await Promise.all([
        editor.waitForURL((url) => url.pathname === '/admin/media' && url.searchParams.has('uploaded')),
        editor.getByRole('button', { name: 'Upload' }).click(),
      ]);
      made.mediaId = new URL(editor.url()).searchParams.get('uploaded');
      assert.match(made.mediaId, /^\d+$/, `redirected to ?uploaded=ID: ${editor.url()}`);
      await editor.getByText('Picture uploaded.').waitFor();
      const item = editor.locator(`li.media-item#media-${made.mediaId}`);
      await item.waitFor();
      assert.match(await item.textContent(), new RegExp(`Number ${made.mediaId}\\b`));
      // The library's thumbnail is one of the re-encoded files, and it loads.
      const thumb = item.locator('img');
      await thumb.scrollIntoViewIfNeeded();
      await editor.waitForFunction((img) => img.complete && img.naturalWidth > 0, await thumb.elementHandle());
      assert.match(await thumb.getAttribute('src'), /^\/media\/[^/]+-\d+\.(webp|jpg)$/);

      // A new article with that picture, published at once.
      await editor.goto(server.url('/admin/articles/new'));
      await editor.getByLabel('Title', { exact: true }).fill(kTitle);
      await editor.getByLabel('Body (Markdown)').fill('The lamps along the harbour wall are **lit** again.');
      await editor.getByLabel(/^Category/).fill('River Life');
      await editor.getByLabel('Picture (upload one)')
        .selectOption({ label: `Number ${made.mediaId}: ${kPictureName}` });
      const alt = 'Twelve lamps glowing over the harbour at dusk';
      await editor.getByLabel('Its alt text (required with a picture)').fill(alt);
      await editor.getByLabel('Status').selectOption('published');
      await Promise.all([
        editor.waitForURL(/\/admin\/articles\/\d+\?saved=1$/),
        editor.getByRole('button', { name: 'Save' }).click(),
      ]);
      made.articleId = editor.url().match(/\/admin\/articles\/(\d+)\?/)[1];
      await editor.getByText('Saved.').waitFor();
      assert.equal(await editor.locator('#article-featured').inputValue(), made.mediaId,
        'the saved article keeps its featured picture');
      assert.equal(await editor.locator('#article-featured-alt').inputValue(), alt);
      assert.equal(await editor.locator('#article-status').inputValue(), 'published');

      // Its comments are held for moderation, whatever the site's mode.
      await editor.locator('#comment-mode').selectOption('held');
      await Promise.all([
        editor.waitForURL(new RegExp(`/admin/articles/${made.articleId}\\?saved=1$`)),
        editor.locator('form.comment-mode-form').getByRole('button', { name: 'Set' }).click(),
      ]);
      assert.equal(await editor.locator('#comment-mode').inputValue(), 'held', 'the mode is kept');
      made.articlePath = await editor.getByRole('link', { name: 'View on the site' }).getAttribute('href');
      assert.match(made.articlePath, new RegExp(`^/[a-z0-9-]+/${made.articleId}-[a-z0-9-]+$`));

      // The reader: the picture is there, from a candidate of its srcset, and served right.
      const reader = await readerContext.newPage();
      const readerErrors = collectPageErrors(reader);
      const readerConsole = collectConsoleErrors(reader);
      assert.equal((await reader.goto(server.url(made.articlePath))).status(), 200);
      const picture = reader.locator('picture.article-picture');
      await picture.locator('img').waitFor({ state: 'visible' });
      const shown = await picture.evaluate(async (node) => {
        const img = node.querySelector('img');
        if (!img.complete) await new Promise((resolve) => img.addEventListener('load', resolve, { once: true }));
        return {
          currentSrc: img.currentSrc,
          naturalWidth: img.naturalWidth,
          width: img.getAttribute('width'),
          height: img.getAttribute('height'),
          alt: img.getAttribute('alt'),
          sizes: img.getAttribute('sizes'),
          imgSrcset: img.getAttribute('srcset'),
          sources: [...node.querySelectorAll('source')].map((source) => ({
            type: source.getAttribute('type'), srcset: source.getAttribute('srcset'),
          })),
        };
      });
      assert.ok(shown.naturalWidth > 0, `the picture loaded: ${JSON.stringify(shown)}`);
      assert.equal(shown.alt, alt, 'the article uses the alt text typed in the editor');
      assert.ok(shown.sizes, 'the img has sizes');
      assert.deepEqual(shown.sources.map((source) => source.type), ['image/webp']);
      const candidates = [...srcsetUrls(shown.sources[0].srcset), ...srcsetUrls(shown.imgSrcset)]
        .map((url) => new URL(url, server.baseUrl).href);
      assert.ok(candidates.length >= 2, `the srcsets list candidates: ${JSON.stringify(shown)}`);
      assert.ok(candidates.includes(shown.currentSrc),
        `currentSrc ${shown.currentSrc} is one of the candidates ${JSON.stringify(candidates)}`);
      // Width and height reserve the picture's box before it loads, in its 3:2 shape.
      assert.match(shown.width ?? '', /^\d+$/, `the img has a width attribute: ${JSON.stringify(shown)}`);
      assert.match(shown.height ?? '', /^\d+$/, `the img has a height attribute: ${JSON.stringify(shown)}`);
      assert.ok(Math.abs(Number(shown.width) * kPictureHeight - Number(shown.height) * kPictureWidth)
        <= kPictureWidth, `width/height keep the picture's shape: ${shown.width}x${shown.height}`);
      const file = await fetch(shown.currentSrc, { signal: AbortSignal.timeout(kActionTimeoutMs) });
      const fileBytes = await file.arrayBuffer();
      assert.equal(file.status, 200, `GET ${shown.currentSrc}`);
      assert.match(file.headers.get('content-type') ?? '', /^image\/(webp|jpeg)$/);
      assert.equal(file.headers.get('x-content-type-options'), 'nosniff');
      assert.ok(fileBytes.byteLength > 0, 'the picture has bytes');

      // The reader comments; the article holds it.
      const text = `Browser test newsroom comment ${Date.now().toString(36)} about the harbour lamps`;
      const token = await waitForImageChallenge(reader);
      const form = reader.locator('form.comment-form');
      await form.getByRole('textbox', { name: /^Name\b/ }).fill('Nia Reader');
      await form.getByRole('textbox', { name: /^Comment\b/ }).fill(text);
      await form.getByRole('textbox', { name: /^Type the characters/ }).fill(await solve(token));
      await Promise.all([
        reader.waitForURL((url) => url.searchParams.has('commented'), { waitUntil: 'load' }),
        form.getByRole('button', { name: 'Post comment' }).click(),
      ]);
      assert.equal(new URL(reader.url()).searchParams.get('commented'), 'held',
        `the comment is held: ${reader.url()}`);
      const notice = reader.locator('.comment-notice');
      await notice.waitFor({ state: 'visible' });
      assert.match(await notice.textContent(), /awaiting moderation/);
      assert.equal(await reader.getByText(text).count(), 0, 'a held comment is not shown');

      // The editor approves it from the pending queue.
      await editor.goto(server.url('/admin/comments?queue=pending'));
      const row = editor.locator('li.moderation-item', { hasText: text });
      await row.waitFor();
      made.commentId = (await row.getAttribute('id')).replace(/^comment-/, '');
      assert.match(made.commentId, /^\d+$/);
      assert.equal(await row.getByRole('checkbox', { name: 'Nia Reader' }).count(), 1,
        'the checkbox is labelled with the commenter\'s name');
      await Promise.all([
        editor.waitForURL((url) => url.searchParams.get('done') === '1'),
        row.getByRole('button', { name: 'Approve' }).click(),
      ]);
      await editor.getByText('1 comment(s) updated.').waitFor();
      assert.equal(await editor.locator('li.moderation-item', { hasText: text }).count(), 0,
        'the approved comment left the pending queue');

      // The reader sees it now.
      assert.equal((await reader.goto(server.url(made.articlePath))).status(), 200);
      const comment = reader.locator(`ol.comment-list li.comment#comment-${made.commentId}`);
      await comment.waitFor({ state: 'visible' });
      assert.equal((await comment.locator('.comment-body').textContent()).trim(), text);

      assert.deepEqual(editorErrors, [], 'no script errors on the desk');
      assert.deepEqual(readerErrors, [], 'no script errors on the article');
      assert.deepEqual(editorConsole, [], 'no console errors on the desk');
      assert.deepEqual(readerConsole, [], 'no console errors on the article');
    } finally {
      await readerContext.close();
      await editorContext.close();
    }
  }));

test('B: the audit log names the upload, the article, the comment mode and the approval',
  { timeout: kTestTimeoutMs }, withServerLog(async () => {
    assert.ok(made.commentId, 'test A made a picture, an article and a comment');
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await signIn(page);
      assert.equal((await page.goto(server.url('/admin/audit'))).status(), 200);
      const rows = await auditRows(page);
      const expected = [
        { Action: 'media.upload', Object: `media ${made.mediaId}` },
        { Action: 'article.create', Object: `article ${made.articleId}` },
        { Action: 'article.comments', Object: `article ${made.articleId}` },
        { Action: 'comment.approve', Object: `comment ${made.commentId}` },
      ];
      for (const want of expected) {
        const found = rows.filter((row) => row.Action === want.Action && row.Object === want.Object);
        assert.equal(found.length, 1,
          `one ${want.Action} of ${want.Object} in the audit log:\n${JSON.stringify(rows, null, 1)}`);
        assert.equal(found[0].Who, kEditor, `${want.Action} was done by ${kEditor}`);
      }
      const upload = rows.find((row) => row.Action === 'media.upload' && row.Object === `media ${made.mediaId}`);
      assert.match(upload.Detail, new RegExp(kPictureName.replace('.', '\\.')), 'the upload names the file');
      const mode = rows.find((row) => row.Action === 'article.comments');
      assert.match(mode.Detail, /held/, 'the mode change says what it was set to');
    } finally {
      await context.close();
    }
  }));

test('C: axe-core finds no violations on the newsroom pages and the article with its picture',
  { timeout: kTestTimeoutMs }, withServerLog(async (t) => {
    assert.ok(made.articlePath, 'test A published an article');
    const failures = [];
    const check = axeCheckFor(t, failures);
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      const pageErrors = collectPageErrors(page);
      const consoleErrors = collectConsoleErrors(page);
      await signIn(page);
      // A comment waiting in the queue, so the moderation page is checked with its controls
      // (and the dashboard with its list of waiting comments).
      assert.equal(await postComment(made.articlePath, 'Ola Waiting',
        'Browser test newsroom comment waiting for the axe check'), 'held');
      // A redirect made through its form, so the redirects page is checked with its table and
      // delete button.
      await page.goto(server.url('/admin/redirects'));
      await page.getByLabel('Old address').fill('/2019/05/old-harbour-lights/');
      await page.getByLabel('New address').fill(made.articlePath);
      await Promise.all([
        page.waitForURL((url) => url.pathname === '/admin/redirects' && url.searchParams.has('added')),
        page.getByRole('button', { name: 'Add redirect' }).click(),
      ]);
      const pages = ['/admin/', '/admin/media', '/admin/comments', '/admin/settings', '/admin/redirects',
        '/admin/audit', `/admin/articles/${made.articleId}`, made.articlePath];
      // The site has a dark scheme of its own, so contrast is checked in both.
      for (const colorScheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme });
        for (const path of pages) {
          assert.equal((await page.goto(server.url(path))).status(), 200, `GET ${path}`);
          await check(`${path} (${colorScheme})`, page);
        }
      }
      // Nor does any of them scroll sideways on a small phone.
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize({ width: 360, height: 740 });
      for (const path of pages) {
        await page.goto(server.url(path));
        const overflow = await page.evaluate(() =>
          document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow} px at 360 px wide`);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
      // What was checked had what it should: the chart and its numbers, the waiting comment,
      // the picture.
      await page.goto(server.url('/admin/comments'));
      assert.equal(await page.locator('li.moderation-item', { hasText: 'Ola Waiting' }).count(), 1,
        'the queue that was checked lists the waiting comment');
      await page.goto(server.url('/admin/'));
      assert.equal(await page.locator('figure.chart-figure svg').count(), 1, 'the dashboard has its chart');
      assert.ok(await page.locator('#views-table tbody tr').count() > 0, 'the views table has days');
      await page.goto(server.url('/admin/redirects'));
      assert.equal(await page.getByRole('button',
        { name: 'Delete the redirect from /2019/05/old-harbour-lights/' }).count(), 1,
      'the redirects page that was checked lists the redirect with its delete button');
      await page.goto(server.url(made.articlePath));
      assert.equal(await page.locator('picture.article-picture').count(), 1);
      assert.deepEqual(pageErrors, [], 'no script errors');
      assert.deepEqual(consoleErrors, [], 'no console errors');
    } finally {
      await context.close();
    }
    if (failures.length > 0) console.error(`axe violations:\n${failures.join('\n\n')}`);
    assert.deepEqual(failures, []);
  }));

test('D: an Arabic site is right-to-left and does not scroll sideways at 360 px',
  { timeout: kTestTimeoutMs }, async (t) => {
    // Its own short-lived server: the language is a start-up setting.
    const arabic = await startServer({ extraSets: ['site.lang=ar'] });
    const failures = [];
    const check = axeCheckFor(t, failures);
    const context = await newContext(browser, { viewport: { width: 360, height: 740 } });
    try {
      const page = await context.newPage();
      const pageErrors = collectPageErrors(page);
      const consoleErrors = collectConsoleErrors(page);
      for (const colorScheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme });
        assert.equal((await page.goto(arabic.url('/'))).status(), 200, 'GET /');
        const layout = await page.evaluate(() => ({
          dir: document.documentElement.dir,
          lang: document.documentElement.lang,
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth,
        }));
        assert.equal(layout.dir, 'rtl', `<html dir>: ${JSON.stringify(layout)}`);
        assert.equal(layout.lang, 'ar', `<html lang>: ${JSON.stringify(layout)}`);
        assert.ok(layout.scrollWidth <= layout.innerWidth,
          `the front page scrolls sideways at 360 px: ${JSON.stringify(layout)}`);
        await check(`front page, lang=ar, 360 px (${colorScheme})`, page);
      }
      assert.deepEqual(pageErrors, [], 'no script errors');
      assert.deepEqual(consoleErrors, [], 'no console errors');
    } catch (error) {
      error.message += `\n--- broadsheet serve (lang=ar) output (tail) ---\n${arabic.logTail().slice(-4000)}`;
      throw error;
    } finally {
      await context.close();
      await stopServer(arabic);
    }
    if (failures.length > 0) console.error(`axe violations:\n${failures.join('\n\n')}`);
    assert.deepEqual(failures, []);
  });

test('E: no page broke the Content-Security-Policy', { timeout: 120_000 },
  withServerLog(async () => {
    await checkNoCspViolations(browser, server.baseUrl);
  }));
