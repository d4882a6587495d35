// Finding the news (issue 13) in a real browser: the front, article, category, tag, author,
// archive-month, archive and search pages of the demo site are valid HTML (the Nu Html Checker,
// vnu-jar from npm run with the machine's Java, reports no errors), and axe-core finds no
// violations on any of them in Chromium, in light and dark.
//
//   BROADSHEET_BINARY=build/test/src/broadsheet BROADSHEET_SOURCE_DIR=$PWD \
//     node --test tests/browser/discovery.test.mjs

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

import {
  articlePaths,
  axeCheckFor,
  launchBrowser,
  newContext,
  requireEnv,
  startServer,
  stopServer,
  withServerLogOf,
} from './harness.mjs';

const kTestTimeoutMs = 240_000;
let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, { timeout: 120_000 });

after(async () => {
  try {
    if (browser) await browser.close();
  } finally {
    await stopServer(server);
  }
});

// The pages of the issue, found from the demo site itself.
async function discoveryPages() {
  const front = await (await fetch(server.baseUrl)).text();
  const article = articlePaths(front)[0];
  assert.ok(article, 'the front page links an article');
  const articleHtml = await (await fetch(new URL(article, server.baseUrl))).text();
  const tag = articleHtml.match(/href="(\/tag\/[a-z0-9-]+\/)"/)?.[1];
  const author = articleHtml.match(/href="(\/author\/[a-z0-9-]+\/)"/)?.[1];
  const category = articleHtml.match(/<li><a href="(\/[a-z0-9-]+\/)">/)?.[1];
  const archive = await (await fetch(new URL('/archive/', server.baseUrl))).text();
  const month = archive.match(/href="(\/archive\/\d{4}\/\d{2}\/)"/)?.[1];
  assert.ok(tag && author && category && month, 'the article links a tag, an author, a section; the archive a month');
  return {
    front: '/',
    article,
    category,
    tag,
    author,
    archive: '/archive/',
    'archive month': month,
    search: '/search?q=harbour',
    'search, no results': '/search?q=zzzz',
    'search form': '/search',
  };
}

test('A: the Nu Html Checker reports no errors on every discovery page',
  { timeout: kTestTimeoutMs },
  withServerLogOf(() => server, async () => {
    const pages = await discoveryPages();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-vnu-'));
    try {
      const files = [];
      for (const [name, pagePath] of Object.entries(pages)) {
        const response = await fetch(new URL(pagePath, server.baseUrl));
        assert.equal(response.status, 200, `${name}: ${pagePath}`);
        const file = path.join(dir, `${name.replaceAll(' ', '-').replaceAll(',', '')}.html`);
        await writeFile(file, await response.text());
        files.push(file);
      }
      const vnu = path.join(requireEnv('BROADSHEET_SOURCE_DIR'),
        'node_modules/vnu-jar/build/dist/vnu.jar');
      // One JVM for every file (about 2.5 s to start); exit 1 and the errors when any.
      const result = await promisify(execFile)('java', ['-jar', vnu, '--errors-only', ...files],
        { timeout: 120_000 }).then(() => ({ code: 0, stderr: '' }),
        (error) => ({ code: error.code, stderr: error.stderr }));
      assert.equal(result.code, 0, `vnu found errors:\n${result.stderr}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }));

test('B: axe-core finds no violations on every discovery page, light and dark',
  { timeout: kTestTimeoutMs },
  withServerLogOf(() => server, async (t) => {
    const pages = await discoveryPages();
    const failures = [];
    const check = axeCheckFor(t, failures);
    for (const scheme of ['light', 'dark']) {
      const context = await newContext(browser, { colorScheme: scheme });
      const page = await context.newPage();
      for (const [name, pagePath] of Object.entries(pages)) {
        await page.goto(new URL(pagePath, server.baseUrl).href);
        await check(`${name} (${scheme})`, page);
      }
      await context.close();
    }
    if (failures.length > 0) console.error(`axe violations:\n${failures.join('\n\n')}`);
    assert.equal(failures.length, 0, `axe reported violations on ${failures.length} page(s)`);
  }));
