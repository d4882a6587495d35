// The editor's round trips against a running server, as a browser makes them (same-site
// form posts with the sign-in cookie): sign-in latency one at a time and 8 at once, saving an
// article (POST and the redirected GET), and the live preview's JSON POST. Prints p50, p99
// and max in milliseconds. Run by bench/desk.sh.
//
// node bench/desk_round_trips.mjs BASE_URL ADMIN_PASSWORD [ROUNDS]
const [base, password, roundsText] = process.argv.slice(2);
const rounds = Number(roundsText ?? 200);
if (!base || !password) throw new Error('usage: node bench/desk_round_trips.mjs BASE PASSWORD [ROUNDS]');

const form = (fields) => new URLSearchParams(fields).toString();
const cookieOf = (response, name) =>
  (response.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).find((c) => c.startsWith(`${name}=`));
const tokenOf = (html) => html.match(/name="csrf" value="([^"]*)"/)?.[1];

function summary(label, times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  console.log(`${label.padEnd(34)} n=${String(sorted.length).padStart(4)}  p50 ${at(0.5).toFixed(2)} ms` +
    `  p99 ${at(0.99).toFixed(2)} ms  max ${sorted.at(-1).toFixed(2)} ms`);
}

async function signIn() {
  const page = await fetch(`${base}/admin/login`);
  const pre = cookieOf(page, 'bs_presignin');
  const token = tokenOf(await page.text());
  const started = performance.now();
  const answer = await fetch(`${base}/admin/login`, {
    method: 'POST', redirect: 'manual',
    headers: { cookie: pre, 'content-type': 'application/x-www-form-urlencoded', origin: base },
    body: form({ csrf: token, email: 'admin@example.org', password }),
  });
  const elapsed = performance.now() - started;
  return { status: answer.status, cookie: cookieOf(answer, 'bs_signin'), elapsed };
}

const signInTimes = [];
let session;
for (let i = 0; i < 20; ++i) {
  const result = await signIn();
  if (result.status !== 303) throw new Error(`sign-in answered ${result.status}`);
  signInTimes.push(result.elapsed);
  session = result.cookie;
}
summary('sign-in POST, one at a time', signInTimes);

const burstStarted = performance.now();
const burst = await Promise.all(Array.from({ length: 8 }, () => signIn()));
const burstMs = performance.now() - burstStarted;
const statuses = burst.map((r) => r.status).sort().join(' ');
console.log(`8 sign-ins at once                 ${burstMs.toFixed(0)} ms in all; statuses ${statuses}` +
  ' (they queue for the worker pool; 503 only past [admin] hashes_at_once running)');

const headers = { cookie: session, 'content-type': 'application/x-www-form-urlencoded', origin: base };
const editor = await (await fetch(`${base}/admin/articles/1`, { headers: { cookie: session } })).text();
const csrf = tokenOf(editor);
const field = (name) => editor.match(new RegExp(`name="${name}"[^>]*value="([^"]*)"`))?.[1] ?? '';
const body = editor.match(/<textarea id="article-body"[^>]*>([\s\S]*?)<\/textarea>/)[1]
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const category = field('category');
let version = Number(field('version'));

const saveTimes = [];
const previewTimes = [];
for (let i = 0; i < rounds; ++i) {
  const started = performance.now();
  const saved = await fetch(`${base}/admin/articles/save`, {
    method: 'POST', redirect: 'manual', headers,
    body: form({ csrf, id: '1', version: String(version), title: field('title'), slug: field('slug'),
      summary: '', body: `${body}\n\nRound ${i}.`, category, tags: 'bench', status: 'published', published_at: '' }),
  });
  if (saved.status !== 303) throw new Error(`save answered ${saved.status}`);
  await (await fetch(`${base}${saved.headers.get('location')}`, { headers: { cookie: session } })).text();
  saveTimes.push(performance.now() - started);
  version += 1;

  const previewStarted = performance.now();
  const preview = await fetch(`${base}/admin/preview`, {
    method: 'POST', headers: { ...headers, accept: 'application/json' },
    body: form({ csrf, body: `${body}\n\nRound ${i}.` }),
  });
  if (preview.status !== 200) throw new Error(`preview answered ${preview.status}`);
  await preview.json();
  previewTimes.push(performance.now() - previewStarted);
}
summary(`save + editor reload (${body.length} B)`, saveTimes);
summary(`live preview (${body.length} B)`, previewTimes);
