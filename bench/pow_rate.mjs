// How fast Debian's Chromium on this machine runs the proof-of-work puzzle's SHA-256 (the very
// code static/js/comments.js uses, checked against Node's crypto first), and the [comments] pow_max_number that makes an
// average phone, taken as a tenth of that rate, search about a second: the answer is uniform
// in [0, max], so the mean search is max / 2 hashes. Prints its figures; gates nothing.
//
// node bench/pow_rate.mjs [SECONDS]   (default 5)
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { launchBrowser } from '../tests/browser/harness.mjs';

const seconds = Number(process.argv[2] ?? 5);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const script = await readFile(path.join(root, 'static/js/comments.js'), 'utf8');
// The constants and the hasher, as they ship.
const start = script.indexOf('var K = new Int32Array(');
const end = script.indexOf("// The challenge's 64 hex characters");
if (start < 0 || end < 0) throw new Error('PuzzleHasher not found in static/js/comments.js');
const hasherSource = script.slice(start, end);

// The shipped hasher agrees with Node's SHA-256 (a fast wrong hash would measure nothing).
const PuzzleHasher = new Function(`${hasherSource}; return PuzzleHasher;`)();
const salt = '0123456789abcdef0123456789abcdef';
const check = new PuzzleHasher(salt);
for (const n of [0, 7, 10, 99999, 123456789, 2 ** 40]) {
  check.hash(n);
  const ours = Array.from(check.h, (x) => (x >>> 0).toString(16).padStart(8, '0')).join('');
  const node = createHash('sha256').update(salt + n).digest('hex');
  if (ours !== node) throw new Error(`hash of ${salt}${n}: ${ours}, expected ${node}`);
}

const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await page.goto('about:blank');
  const hashesPerSecond = await page.evaluate(({ hasherSource, salt, seconds }) => {
    const Hasher = new Function(`${hasherSource}; return PuzzleHasher;`)();
    const hasher = new Hasher(salt);
    let n = 0;
    let sink = 0;
    const until = performance.now() + seconds * 1000;
    const began = performance.now();
    while (performance.now() < until) {
      for (let i = 0; i < 10000; i++, n++) {
        hasher.hash(n);
        sink ^= hasher.h[0];
      }
    }
    if (sink === 0.5) throw new Error('unreachable');
    return n / ((performance.now() - began) / 1000);
  }, { hasherSource, salt, seconds });
  const phone = hashesPerSecond / 10;
  const maxForOneSecond = Math.round(phone * 2);
  console.log(`chromium (this machine): ${Math.round(hashesPerSecond)} hashes/s`);
  console.log(`average phone (a tenth):  ${Math.round(phone)} hashes/s`);
  console.log(`pow_max_number for a mean search of ~1 s on the phone: ${maxForOneSecond}`);
} finally {
  await browser.close();
}
