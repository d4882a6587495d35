// Shared pieces of the browser tests: start a real `broadsheet serve` on a free loopback port
// with its own temporary data dir, drive Debian's Chromium through playwright-core, and run
// axe-core in a page. Used by tests/browser/*.test.mjs; one server and one browser per file.
//
// Environment: BROADSHEET_BINARY (the built `broadsheet`), BROADSHEET_SOURCE_DIR (repo root:
// templates/, static/ and demo/ are read from there, and axe-core from its node_modules/).

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import { chromium } from 'playwright-core';

// A loaded two-core machine (often compiling at the same time) is slow: every wait is generous,
// and each is a wait for a condition, never a fixed sleep standing in for one.
export const kStartDeadlineMs = 30_000;
export const kStopGraceMs = 10_000;
export const kActionTimeoutMs = 60_000;
const kLogTailBytes = 64 * 1024;

// Chromium as Debian ships it. The background-networking flags keep it from trying to reach
// update, sync and component servers on a machine with no network beyond loopback.
const kChromiumPath = '/usr/bin/chromium';
const kChromiumArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function requireEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set (see tests/browser/rating.test.mjs)`);
  return value;
}

// A port that was free a moment ago on 127.0.0.1: bind port 0, read it, close. Another process
// may take it before the server binds, so startServer retries on an early exit.
export async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// Keeps the last kLogTailBytes of a child's output for failure reports.
class LogTail {
  constructor() {
    this.text = '';
  }
  append(chunk) {
    this.text += chunk.toString('utf8');
    if (this.text.length > kLogTailBytes) this.text = this.text.slice(-kLogTailBytes);
  }
}

// A running `broadsheet serve --demo`. Create with startServer(); always call stop().
export class Server {
  constructor(child, dataDir, baseUrl, log) {
    this.child = child;
    this.dataDir = dataDir;
    this.baseUrl = baseUrl;
    this.log = log;
    this.exit = new Promise((resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal }));
    });
    this.exited = false;
    this.exit.then(() => {
      this.exited = true;
    });
  }

  url(pathAndQuery) {
    return new URL(pathAndQuery, this.baseUrl).href;
  }

  logTail() {
    return this.log.text;
  }

  // SIGTERM, then SIGKILL if it is still running after kStopGraceMs; then the data dir goes.
  async stop() {
    try {
      if (!this.exited) {
        this.child.kill('SIGTERM');
        const outcome = await Promise.race([this.exit, delay(kStopGraceMs, 'timeout')]);
        if (outcome === 'timeout' && !this.exited) {
          this.child.kill('SIGKILL');
          await this.exit;
        }
      }
    } finally {
      // A descendant that outlived the server must not hold the runner open through our pipes.
      this.child.stdout?.destroy();
      this.child.stderr?.destroy();
      await rm(this.dataDir, { recursive: true, force: true });
    }
  }
}

async function waitHealthy(server) {
  const deadline = Date.now() + kStartDeadlineMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (server.exited) return { ok: false, why: 'the server exited' };
    try {
      const response = await fetch(server.url('/healthz'), { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.status === 200) return { ok: true };
      last = `GET /healthz answered ${response.status}`;
    } catch (error) {
      last = `GET /healthz failed: ${error.cause?.code ?? error.message}`;
    }
    await Promise.race([delay(200), server.exit]);
  }
  return { ok: false, why: `not healthy after ${kStartDeadlineMs} ms (${last})` };
}

// Starts the binary on a fresh data dir with the demo site. extraSets are more
// `--set section.key=value` overrides. Throws (after cleaning up) when it never gets healthy.
export async function startServer({ extraSets = [] } = {}) {
  const binary = requireEnv('BROADSHEET_BINARY');
  const sourceDir = requireEnv('BROADSHEET_SOURCE_DIR');
  let lastFailure = '';
  for (let attempt = 1; attempt <= 3; ++attempt) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-browser-'));
    const port = await freePort();
    const args = ['serve', '--demo', '--data', dataDir, '--listen', `127.0.0.1:${port}`,
      '--set', `site.assets_dir=${sourceDir}`];
    for (const setting of extraSets) args.push('--set', setting);
    const log = new LogTail();
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => log.append(chunk));
    child.stderr.on('data', (chunk) => log.append(chunk));
    const spawned = new Promise((resolve) => {
      child.once('spawn', () => resolve(null));
      child.once('error', (error) => resolve(error));
    });
    const server = new Server(child, dataDir, `http://127.0.0.1:${port}/`, log);
    const spawnError = await spawned;
    if (spawnError) {
      await rm(dataDir, { recursive: true, force: true });
      throw new Error(`cannot start ${binary}: ${spawnError.message}`);
    }
    liveServers.add(server);
    const health = await waitHealthy(server);
    if (health.ok) return server;
    lastFailure = `${health.why}\n--- server output ---\n${server.logTail()}`;
    await server.stop();
    liveServers.delete(server);
    // Exit 2 is a usage or config error, which another port will not fix; a port taken between
    // freePort() and the server's bind is worth another try.
    const { code } = await server.exit;
    if (code === 2 && !/in use|bind/i.test(server.logTail())) break;
  }
  throw new Error(`broadsheet serve did not start: ${lastFailure}`);
}

// If the test runner itself is interrupted, still stop what we started (by its pid).
const liveServers = new Set();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    for (const server of liveServers) {
      if (!server.exited) server.child.kill('SIGKILL');
    }
    process.exit(128 + os.constants.signals[signal]);
  });
}

// Runs the broadsheet CLI (BROADSHEET_BINARY) with `args`, for example
// ['captcha', 'solve', token, '--data', server.dataDir]. Resolves to { code, stdout, stderr };
// a run that outlives timeoutMs is killed (by its pid) and reported as code null.
export async function runBroadsheet(args, { timeoutMs = kActionTimeoutMs } = {}) {
  const binary = requireEnv('BROADSHEET_BINARY');
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk.toString('utf8'); });
    child.stderr.on('data', (chunk) => { stderr += chunk.toString('utf8'); });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${binary}: ${error.message}`));
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export async function stopServer(server) {
  if (!server) return;
  try {
    await server.stop();
  } finally {
    liveServers.delete(server);
  }
}

// Chromium with a fresh temporary profile (playwright-core makes one per launch and removes it
// on close); each test then opens its own context, so each is a new reader with no cookies.
export async function launchBrowser() {
  return chromium.launch({
    executablePath: kChromiumPath,
    headless: true,
    args: kChromiumArgs,
    timeout: kActionTimeoutMs,
  });
}

// Every Content-Security-Policy violation any page of any context reported, as
// "directive blocked-uri on page-url" (issue 9: the pages carry a CSP without 'unsafe-inline',
// and no page may break it). Each test file asserts at its end that this stayed empty.
const cspViolations = [];
export function cspViolationsSeen() {
  return [...cspViolations];
}
export function forgetCspViolations() {
  cspViolations.length = 0;
}

export async function newContext(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  context.setDefaultTimeout(kActionTimeoutMs);
  context.setDefaultNavigationTimeout(kActionTimeoutMs);
  await context.exposeBinding('__broadsheetCspViolation', (_source, text) => {
    cspViolations.push(text);
  });
  // With script off the event cannot fire, but Chromium still reports a violation on the
  // console.
  context.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) cspViolations.push(message.text());
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      globalThis.__broadsheetCspViolation(
        `${event.violatedDirective} ${event.blockedURI || '(inline)'} on ${event.documentURI}`);
    });
  });
  return context;
}

// The last subtest of a file: no page broke the CSP. It first makes a page break it on
// purpose, so a detector that stopped working fails here rather than passing quietly.
export async function checkNoCspViolations(browser, baseUrl) {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    const before = cspViolations.length;
    await page.evaluate(() => {
      const inline = document.createElement('script');
      inline.textContent = 'window.__inline = 1;';
      document.body.append(inline);
    });
    const deadline = Date.now() + kActionTimeoutMs;
    while (cspViolations.length === before && Date.now() < deadline) await delay(50);
    assert.ok(cspViolations.length > before, 'a deliberate inline script was not reported');
    assert.equal(await page.evaluate(() => globalThis.__inline), undefined,
      'the CSP did not block an inline script');
    const seen = cspViolations.slice(0, before);
    assert.deepEqual(seen, [], `pages broke the Content-Security-Policy:\n${seen.join('\n')}`);
  } finally {
    await context.close();
  }
}

let axeSource;

// Runs axe-core in the page and returns its violations (an empty array when clean).
export async function axeViolations(page) {
  const sourceDir = requireEnv('BROADSHEET_SOURCE_DIR');
  // Evaluated rather than added as a <script>: the page's CSP rightly refuses inline scripts,
  // and the CSP check must not count the test's own tooling.
  axeSource ??= await readFile(path.join(sourceDir, 'node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const results = await globalThis.axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      helpUrl: violation.helpUrl,
      nodes: violation.nodes.map((node) => ({
        target: node.target,
        html: node.html,
        summary: node.failureSummary,
      })),
    }));
  });
}

export function describeViolations(violations) {
  return violations.map((violation) => {
    const nodes = violation.nodes.map((node) =>
      `    ${JSON.stringify(node.target)}: ${node.html}\n      ${(node.summary ?? '').replace(/\n/g, '\n      ')}`);
    return `  ${violation.id} (${violation.impact}): ${violation.help}\n${nodes.join('\n')}`;
  }).join('\n');
}

const kArticlePath = /^\/[a-z0-9-]+\/\d+-[a-z0-9-]+$/;

// Article paths (/{category}/{id}-{slug}) in the order a page links them, once each.
export function articlePaths(html) {
  const seen = new Set();
  for (const match of html.matchAll(/href="([^"?#]+)"/g)) {
    if (kArticlePath.test(match[1])) seen.add(match[1]);
  }
  return [...seen];
}

// Collects the page's uncaught script errors (the tests assert there are none).
export function collectPageErrors(page) {
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

// Console errors of a page (a failed script, stylesheet or picture, a refused fetch), which the
// back-office tests want none of, beside uncaught exceptions (collectPageErrors).
export function collectConsoleErrors(page) {
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
  });
  return errors;
}

// The password the first `serve --demo` prints on stderr for admin@example.org.
export async function demoAdminPassword(server) {
  const deadline = Date.now() + kActionTimeoutMs;
  while (!/demo: password (\S+)/.test(server.logTail()) && Date.now() < deadline) await delay(50);
  const password = server.logTail().match(/demo: password (\S+)/)?.[1];
  assert.ok(password, `the demo printed no admin password:\n${server.logTail()}`);
  return password;
}

// Signs `page` in to the back office as the demo admin; the desk opens on the dashboard.
export async function signInToDesk(page, server, password) {
  await page.goto(server.url('/admin/'));
  assert.match(new URL(page.url()).pathname, /^\/admin\/login/, 'signed out: the sign-in form');
  await page.getByLabel('E-mail address').fill('admin@example.org');
  await page.getByLabel('Password').fill(password);
  await Promise.all([page.waitForURL((url) => url.pathname === '/admin/'),
    page.getByRole('button', { name: 'Sign in' }).click()]);
}

// Wraps a test body so that, when it fails, the end of the server's output is appended to the
// error. `getServer` returns the file's server (started in `before`).
export function withServerLogOf(getServer, body) {
  return async (t) => {
    try {
      await body(t);
    } catch (error) {
      const server = getServer();
      if (server && error && typeof error === 'object') {
        error.message += `\n--- broadsheet serve output (tail) ---\n${server.logTail().slice(-4000)}`;
      }
      throw error;
    }
  };
}

// A subtest per page that asserts axe-core finds no violations; each failure is also pushed
// to `failures`, so the parent test can report them all together.
export function axeCheckFor(t, failures) {
  return async (name, page) => {
    await t.test(name, async () => {
      const violations = await axeViolations(page);
      if (violations.length > 0) failures.push(`${name}:\n${describeViolations(violations)}`);
      assert.equal(violations.length, 0,
        `axe violations on ${name}:\n${describeViolations(violations)}`);
    });
  };
}
