// Shared set-up of the browser tests: Debian's Chromium through playwright-core (no browser
// download), a fresh profile per run, and small helpers that act the way a person does.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const BASE = process.env.CONFAB_URL ?? 'http://127.0.0.1:8080';
export const SHOTS = process.env.CONFAB_SCREENSHOTS ?? null;

export async function launch() {
  const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    // playwright-core gives each launch a fresh, empty profile directory of its own
  });
}

/** A person: their own browser context (own cookies), one page, dialogs accepted, page errors collected. */
export async function person(browser, name) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => void d.accept());
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text()); });
  return { name, context, page, errors };
}

/** A Web API call from inside the page, as the client makes it (cookie session + CSRF header). */
export async function api(page, method, args = {}) {
  return page.evaluate(async ([m, a]) => {
    const csrf = /(?:^|;\s*)confab_csrf=([^;]*)/.exec(document.cookie)?.[1] ?? '';
    const r = await fetch(`/api/${m}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Confab-CSRF': csrf },
      body: JSON.stringify(a),
    });
    return r.json();
  }, [method, args]);
}

export async function send(page, text) {
  const box = page.getByRole('textbox', { name: 'Message', exact: true });
  await box.fill(text);
  await box.press('Enter');
}

export function message(page, text) {
  return page.getByTestId('messages').getByTestId('message').filter({ hasText: text });
}

export async function screenshot(page, name) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** Asks the JUnit side to drop every RTM WebSocket from the server (see WebClientEndToEndTest). */
export async function serverDropsSockets() {
  const rl = createInterface({ input: process.stdin });
  const answer = new Promise((resolve) => {
    rl.once('line', resolve);
    rl.once('close', () => resolve(null));
  });
  process.stdout.write('\nCONFAB_E2E_DROP\n');
  const value = await answer;
  rl.close();
  process.stdin.unref?.(); // a listening stdin would keep the test process alive after the last test
  if (value?.trim() !== 'dropped') throw new Error(`server did not drop the sockets: ${value}`);
}
