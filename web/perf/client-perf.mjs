// Web client figures for docs/benchmarks.md (not part of `mvn test`; takes a few minutes):
//   1. navigation → first messages shown, for a user in 20 channels, in a 10-user and in a
//      50,000-user workspace (same server, fresh browser context each run, three warm-up rounds,
//      then the two alternating with a second's pause before each, median of RUNS=9);
//   2. JS heap and DOM size after scrolling back through 10,000 messages of one channel to its
//      first message (the list keeps a window of them mounted).
// Usage: node web/perf/client-perf.mjs   (after `mvn -DskipTests package`; uses server/target/confab.jar)
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../e2e/browser.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const jar = join(root, 'server/target/confab.jar');
const java = process.env.JAVA ?? '/usr/lib/jvm/temurin-25-jdk-amd64/bin/java';
const data = mkdtempSync(join(tmpdir(), 'confab-webperf-'));
const admin = (...args) => {
  const out = execFileSync(java, ['-jar', jar, 'admin', ...args, `--data-dir=${data}`]).toString();
  return JSON.parse(out.slice(out.indexOf('{')));
};

function workspace(name, people) {
  const ws = admin('create-workspace', `--name=${name}`, `--owner-email=owner@${name}.test`, '--password=correct-horse-battery');
  const file = join(data, `${name}.jsonl`);
  writeFileSync(file, Array.from({ length: people - 1 }, (_, i) => JSON.stringify({ email: `p${i}@${name}.test`, name: `person${i}`, real_name: `Person ${i}` })).join('\n') + '\n');
  execFileSync(java, ['-jar', jar, 'admin', 'import-users', `--team=${ws.team_id}`, `--file=${file}`, `--data-dir=${data}`]);
  return ws;
}

const t0 = Date.now();
const small = workspace('small', 10);
const large = workspace('large', 50_000);
console.log(`workspaces ready in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

const server = spawn(java, ['-jar', jar, 'serve', '--port=0', `--data-dir=${data}`, '--rate-limit-factor=0', '--sqlite-sync=normal'], { stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((resolve) => {
  server.stdout.on('data', (d) => { const m = /ready on (http:\/\/\S+)/.exec(String(d)); if (m) resolve(m[1]); });
});
const call = async (method, token, args) => {
  const r = await (await fetch(`${base}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(args) })).json();
  if (!r.ok) throw new Error(`${method}: ${r.error}`);
  return r;
};
async function pool(n, width, f) {
  let i = 0;
  await Promise.all(Array.from({ length: width }, async () => { while (i < n) await f(i++); }));
}

async function twentyChannels(ws) {
  const ids = [];
  for (let i = 0; i < 19; i++) ids.push((await call('conversations.create', ws.token, { name: `room-${i}` })).channel.id);
  await pool(19 * 30, 8, (k) => call('chat.postMessage', ws.token, { channel: ids[k % 19], text: `message ${k} with *some* _formatting_ and a <https://example.com|link>` }));
  return ids[0];
}

const browser = await launch();
async function firstMessages(ws, channel) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await page.evaluate(async ([email]) => {
    const team = email.split('@')[1].replace('.test', '');
    await fetch('/api/auth.signin', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Confab-Client': 'web' }, body: JSON.stringify({ team, email, password: 'correct-horse-battery' }) });
  }, [`owner@${ws === small ? 'small' : 'large'}.test`]);
  const start = Date.now();
  await page.goto(`${base}/client/${channel}`);
  await page.getByTestId('message').first().waitFor({ timeout: 60_000 });
  const ms = Date.now() - start;
  // where the time went: each Web API call on the way, as the page's resource timing saw it
  const calls = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('resource')
    .filter((e) => e.name.includes('/api/')).map((e) => [e.name.split('/api/')[1], Math.round(e.responseEnd - e.startTime)])));
  await context.close();
  return { ms, boot: calls['client.boot'] };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const RUNS = Number(process.env.RUNS ?? 9);
const results = {};
const channels = { '10 users': await twentyChannels(small), '50,000 users': await twentyChannels(large) };
const spaces = { '10 users': small, '50,000 users': large };
// warm up: the first boot loads the workspace into the edge cache (seconds for 50,000 users), then JIT
for (let i = 0; i < 3; i++) for (const label of Object.keys(spaces)) await firstMessages(spaces[label], channels[label]);
const settle = () => new Promise((r) => setTimeout(r, 1000)); // the previous page's socket closed, its work done
for (const label of Object.keys(spaces)) results[label] = { runs: [], boots: [] };
for (let i = 0; i < RUNS; i++) { // alternating, so that a busy moment of the shared machine hits both alike
  for (const label of Object.keys(spaces)) {
    await settle();
    const r = await firstMessages(spaces[label], channels[label]);
    results[label].runs.push(r.ms);
    results[label].boots.push(r.boot);
  }
}
for (const [label, r] of Object.entries(results)) {
  r.median = median(r.runs);
  r.bootMedian = median(r.boots);
  console.log(`navigation → first messages, ${label}, 20 channels: median ${r.median} ms (runs ${r.runs.join(', ')}); client.boot median ${r.bootMedian} ms (${r.boots.join(', ')})`);
}

// 10,000 messages in one channel, scrolled back to the beginning
const long = (await call('conversations.create', small.token, { name: 'long-history' })).channel.id;
await pool(10_000, 16, (k) => call('chat.postMessage', small.token, { channel: long, text: `history line ${k}: *bold* and \`code\` and <https://example.com|a link>` }));
const context = await browser.newContext();
const page = await context.newPage();
await page.goto(`${base}/`);
await page.evaluate(async () => {
  await fetch('/api/auth.signin', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Confab-Client': 'web' }, body: JSON.stringify({ team: 'small', email: 'owner@small.test', password: 'correct-horse-battery' }) });
});
await page.goto(`${base}/client/${long}`);
await page.getByTestId('message').first().waitFor();
const cdp = await context.newCDPSession(page);
await cdp.send('Performance.enable');
const heap = async () => {
  await cdp.send('HeapProfiler.collectGarbage');
  const m = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]));
  return { heapMiB: +(m.JSHeapUsedSize / 1048576).toFixed(1), nodes: m.Nodes };
};
const before = await heap();
const scrollStart = Date.now();
// the list keeps a window of messages mounted: scroll to its top until the channel's first message is shown
let pages = 0;
let maxRows = 0;
while (!(await page.getByTestId('beginning').count())) {
  const rows = await page.getByTestId('message').count();
  maxRows = Math.max(maxRows, rows);
  await page.getByTestId('messages').evaluate((el) => { el.scrollTop = 0; el.dispatchEvent(new Event('scroll')); });
  await page.waitForTimeout(50);
  if (++pages % 40 === 0) console.log(`  ${((Date.now() - scrollStart) / 1000).toFixed(0)} s, ${rows} messages mounted`);
  if (Date.now() - scrollStart > 15 * 60_000) throw new Error('scrolling back took over 15 minutes');
}
if (!(await page.getByTestId('message').filter({ hasText: 'history line 0:' }).count())) throw new Error('the oldest messages are not shown');
const scrolled = (Date.now() - scrollStart) / 1000;
const after = await heap();
const mounted = await page.getByTestId('message').count();
console.log(`after scrolling back through 10,000 messages: JS heap ${after.heapMiB} MiB (from ${before.heapMiB} MiB with the first page), DOM nodes ${after.nodes} (from ${before.nodes}), ${mounted} messages mounted (at most ${maxRows}); scrolling back took ${scrolled.toFixed(0)} s`);
await browser.close();
server.kill();
console.log(JSON.stringify({ results, before, after, scrolledSeconds: scrolled, mounted, maxRows }));
