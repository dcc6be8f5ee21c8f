// Two people use the web client against a real Confab server in real Chromium.
// Run by the server's WebClientEndToEndTest (mvn -B test), which starts the server and passes CONFAB_URL.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { api, launch, message, person, screenshot, send, serverDropsSockets, BASE } from './browser.mjs';
import { sharesFiles } from './files.mjs';

const T = { timeout: 10_000 };
const run = Date.now().toString(36);

describe('the web client, two people in two browser contexts', { concurrency: false, timeout: 240_000 }, () => {
  let browser, ann, bob, domain;
  const annEmail = `ann-${run}@example.test`;

  before(async () => {
    browser = await launch();
    ann = await person(browser, 'ann');
    bob = await person(browser, 'bob');
  });

  after(async () => {
    await browser?.close();
  });

  it('signs up: a new workspace opens on #general', async () => {
    const p = ann.page;
    await p.goto(BASE);
    await p.getByRole('tab', { name: 'Create a workspace' }).click();
    await p.getByLabel('Workspace name').fill(`E2E ${run}`);
    await p.getByLabel('Email').fill(annEmail);
    await p.getByLabel('Your name').fill('ann');
    await p.getByLabel('Password').fill('correct-horse-battery');
    await p.getByRole('button', { name: 'Create workspace' }).click();
    await p.getByTestId('channel-title').filter({ hasText: '#general' }).waitFor(T);
    domain = (await p.getByTestId('team-domain').textContent()).trim();
    assert.ok(domain.length > 0);
    const cookies = await ann.context.cookies();
    const session = cookies.find((c) => c.name === 'confab_session');
    assert.ok(session?.httpOnly, 'the session cookie is HttpOnly');
    assert.equal(session.sameSite, 'Strict');
    assert.equal(await p.evaluate(() => document.cookie.includes('xox')), false, 'no token readable by page scripts');
    await p.getByRole('button', { name: 'Not now' }).click();
  });

  it('invites: the second person joins through the link', async () => {
    await ann.page.getByRole('button', { name: 'Invite' }).click();
    await ann.page.getByRole('button', { name: 'Create invite link' }).click();
    const link = await ann.page.getByTestId('invite-link').inputValue();
    assert.match(link, /\/join\/[A-Za-z0-9_-]+$/);
    await ann.page.keyboard.press('Escape');

    const p = bob.page;
    await p.goto(link);
    await p.getByLabel('Email').fill(`bob-${run}@example.test`);
    await p.getByLabel('Your name').fill('bob');
    await p.getByLabel('Password').fill('correct-horse-battery');
    await p.getByRole('button', { name: 'Join' }).click();
    await p.getByTestId('channel-title').filter({ hasText: '#general' }).waitFor(T);
    await p.getByRole('button', { name: 'Not now' }).click();
  });

  it('chats both ways in real time, with the typing indicator', async () => {
    await send(ann.page, 'hello from *ann*');
    await message(bob.page, 'hello from ann').waitFor(T);
    assert.equal(await message(bob.page, 'hello from ann').locator('b').textContent(), 'ann');

    await bob.page.getByRole('textbox', { name: 'Message', exact: true }).pressSequentially('hi ann', { delay: 20 });
    await ann.page.getByTestId('typing').filter({ hasText: 'bob is typing…' }).waitFor(T);
    await bob.page.getByRole('textbox', { name: 'Message', exact: true }).press('Enter');
    await message(ann.page, 'hi ann').waitFor(T);

    // Shift+Enter is a new line, Enter sends
    const box = ann.page.getByRole('textbox', { name: 'Message', exact: true });
    await box.pressSequentially('line one');
    await box.press('Shift+Enter');
    await box.pressSequentially('line two');
    await box.press('Enter');
    const two = message(bob.page, 'line one');
    await two.waitFor(T);
    assert.match(await two.getByTestId('message-text').innerText(), /line one\nline two/);
    await screenshot(ann.page, 'channel-light');
  });

  it('replies in a thread, also sent to the channel, with the reply count on the parent', async () => {
    const parent = message(bob.page, 'hello from ann');
    await parent.hover();
    await parent.getByRole('button', { name: 'Reply in thread' }).click();
    const thread = bob.page.getByTestId('thread');
    await thread.waitFor(T);
    await thread.getByRole('textbox', { name: 'Reply' }).fill('a threaded answer');
    await thread.getByLabel('Also send to channel').check();
    await thread.getByRole('textbox', { name: 'Reply' }).press('Enter');
    await thread.getByTestId('message').filter({ hasText: 'a threaded answer' }).waitFor(T);

    await message(ann.page, 'hello from ann').getByTestId('replies').filter({ hasText: '1 reply' }).waitFor(T);
    await message(ann.page, 'a threaded answer').filter({ hasText: 'replied to a thread' }).waitFor(T);
    await message(ann.page, 'hello from ann').getByTestId('replies').click();
    await ann.page.getByTestId('thread').getByTestId('message').filter({ hasText: 'a threaded answer' }).waitFor(T);
    await screenshot(ann.page, 'thread-light');
    await ann.page.getByRole('button', { name: 'Close thread' }).click();
  });

  it('reacts with a quick reaction and from the picker', async () => {
    const m = message(ann.page, 'hi ann');
    await m.hover();
    await m.getByRole('button', { name: 'React with +1' }).click();
    await m.hover();
    await m.getByRole('button', { name: 'Add reaction' }).click();
    await ann.page.getByRole('dialog', { name: 'Emoji picker' }).getByRole('button', { name: 'rocket', exact: true }).click();
    const seen = message(bob.page, 'hi ann');
    await seen.getByTestId('reaction-+1').filter({ hasText: '1' }).waitFor(T);
    await seen.getByTestId('reaction-rocket').waitFor(T);
    // bob adds his own +1: the count is 2 for both
    await seen.getByTestId('reaction-+1').click();
    await m.getByTestId('reaction-+1').filter({ hasText: '2' }).waitFor(T);
  });

  it('edits the last own message with ↑ and deletes a message', async () => {
    await send(ann.page, 'a typo here');
    await message(bob.page, 'a typo here').waitFor(T);
    await ann.page.getByRole('textbox', { name: 'Message', exact: true }).press('ArrowUp');
    const edit = ann.page.getByTestId('edit-input');
    await edit.waitFor(T);
    await edit.fill('no typo here');
    await edit.press('Enter');
    const edited = message(bob.page, 'no typo here');
    await edited.filter({ hasText: '(edited)' }).waitFor(T);

    const m = message(ann.page, 'no typo here');
    await m.hover();
    await m.getByRole('button', { name: 'Delete message' }).click();
    await edited.waitFor({ state: 'detached', ...T });
    await m.waitFor({ state: 'detached', ...T });
  });

  it('renders hostile text in messages and names as text', async () => {
    await api(bob.page, 'users.profile.set', { profile: { display_name: '<img src=x onerror="window.__xss=2">' } });
    await send(bob.page, '<img src=x onerror="window.__xss=1"> and <script>window.__xss=1</script>');
    // straight through the API, unescaped, the way a careless bot would post it
    await api(bob.page, 'chat.postMessage', {
      channel: (await api(bob.page, 'conversations.list', {})).channels.find((c) => c.name === 'general').id,
      text: '<script>window.__xss=3</script> <javascript:window.__xss=4|click> *<svg onload="window.__xss=5">*',
    });
    const typed = message(ann.page, 'and <script>');
    await typed.waitFor(T);
    assert.equal(await typed.getByTestId('message-text').innerText(), '<img src=x onerror="window.__xss=1"> and <script>window.__xss=1</script>');
    await message(ann.page, 'window.__xss=3').waitFor(T);
    await ann.page.reload();
    await message(ann.page, 'window.__xss=3').waitFor(T);
    await ann.page.getByText('<img src=x onerror="window.__xss=2">').first().waitFor(T);
    await ann.page.getByRole('link', { name: 'click' }).count().then((n) => assert.equal(n, 0));
    const found = await ann.page.evaluate(() => ({
      xss: window.__xss ?? null,
      tags: document.querySelectorAll('[data-testid=messages] img, [data-testid=messages] script, [data-testid=messages] svg').length,
    }));
    assert.deepEqual(found, { xss: null, tags: 0 });
    assert.deepEqual(ann.errors.filter((e) => !/WebSocket/.test(e)), []);
    await api(bob.page, 'users.profile.set', { profile: { display_name: 'bob' } });
  });

  it('marks channels unread in bold with a mention badge, and clears them on view', async () => {
    await ann.page.getByRole('button', { name: 'Create a channel' }).click();
    await ann.page.getByLabel('Name').fill(`project-${run}`);
    await ann.page.getByRole('button', { name: 'Create', exact: true }).click();
    await ann.page.getByTestId('channel-title').filter({ hasText: `#project-${run}` }).waitFor(T);

    // bob mentions ann in #general with @ typeahead while ann looks at the new channel
    const box = bob.page.getByRole('textbox', { name: 'Message', exact: true });
    await box.pressSequentially('ping @an');
    // Enter picks the highlighted suggestion: wait until it is ann (results for "@a" may still be showing).
    await bob.page.getByTestId('typeahead').getByRole('option', { name: /ann/, selected: true }).waitFor(T);
    await box.press('Enter');
    await box.pressSequentially('are you there?');
    await box.press('Enter');

    const general = ann.page.locator('a.conv', { hasText: 'general' });
    await general.locator('.badge', { hasText: '1' }).waitFor(T);
    assert.equal(await general.getAttribute('data-unread'), 'true');
    assert.equal(await general.evaluate((e) => getComputedStyle(e).fontWeight), '800');
    await screenshot(ann.page, 'unread-light');

    await general.click();
    await ann.page.getByTestId('unread-line').waitFor(T);
    const mention = message(ann.page, 'are you there?');
    await mention.locator('.mention-self', { hasText: '@ann' }).waitFor(T).catch(async (e) => {
      // say what was rendered: the newest messages, whatever their text (a garbled message does not match the filter)
      const rendered = await ann.page.getByTestId('messages').getByTestId('message').evaluateAll((ms) => ms.slice(-3).map((m) => m.innerHTML));
      throw new Error(`${e.message}\nnewest messages: ${JSON.stringify(rendered)}`);
    });
    await general.locator('.badge').waitFor({ state: 'detached', ...T });
    assert.equal(await general.getAttribute('data-unread'), 'false');
  });

  it('jumps with the quick switcher (Ctrl+K) and finds people and channels', async () => {
    await ann.page.keyboard.press('Control+k');
    await ann.page.getByTestId('switcher-input').fill('proj');
    await ann.page.getByRole('option', { name: `#project-${run}` }).waitFor(T);
    await ann.page.keyboard.press('Enter');
    await ann.page.getByTestId('channel-title').filter({ hasText: `#project-${run}` }).waitFor(T);

    // bob opens a DM with ann through the switcher; ann gets it in real time
    await bob.page.keyboard.press('Control+k');
    await bob.page.getByTestId('switcher-input').fill('ann');
    await bob.page.getByRole('option', { name: 'ann' }).first().waitFor(T);
    await bob.page.keyboard.press('Enter');
    await bob.page.getByTestId('channel-title').filter({ hasText: 'ann' }).waitFor(T);
    await send(bob.page, 'a direct hello');
    const dm = ann.page.locator('a.conv', { hasText: 'bob' });
    await dm.locator('.badge', { hasText: '1' }).waitFor(T);
    await dm.click();
    await message(ann.page, 'a direct hello').waitFor(T);
  });

  it('browses and joins a channel, and leaves it', async () => {
    await bob.page.getByRole('button', { name: 'Browse channels' }).click();
    await bob.page.getByRole('listitem').filter({ hasText: `#project-${run}` }).getByRole('button', { name: 'Join' }).click();
    await bob.page.getByTestId('channel-title').filter({ hasText: `#project-${run}` }).waitFor(T);
    await send(bob.page, 'joined the project');
    await message(ann.page, 'joined the project').waitFor({ state: 'attached', timeout: 1 }).catch(() => undefined);
    await bob.page.getByRole('button', { name: 'Leave' }).click();
    await bob.page.locator('a.conv', { hasText: `project-${run}` }).waitFor({ state: 'detached', ...T });
  });

  it('reconnects after the server drops the socket and misses nothing', async () => {
    await ann.page.locator('a.conv', { hasText: 'general' }).click();
    await bob.page.locator('a.conv', { hasText: 'general' }).click();
    await serverDropsSockets();
    // posted while ann's client is reconnecting: the resume must replay it
    await api(bob.page, 'chat.postMessage', {
      channel: (await api(bob.page, 'conversations.list', {})).channels.find((c) => c.name === 'general').id,
      text: 'sent during the outage',
    });
    await message(ann.page, 'sent during the outage').waitFor(T);
    await ann.page.getByTestId('connection').waitFor({ state: 'detached', ...T });
    await send(bob.page, 'and after it');
    await message(ann.page, 'and after it').waitFor(T);
  });

  it('shares files: button, drop and paste with progress; previews, the viewer and downloads for the other', async () => {
    await sharesFiles(ann, bob, run);
  });

  it('keeps a window of history mounted, and the view in place when older messages load', async () => {
    const channel = (await api(ann.page, 'conversations.create', { name: `history-${run}` })).channel.id;
    const bobId = (await api(bob.page, 'auth.test')).user_id;
    await api(ann.page, 'conversations.invite', { channel, users: bobId });
    await api(bob.page, 'chat.postMessage', { channel, text: 'the zephyrine rollout starts on Monday' });
    await ann.page.evaluate(async ([ch]) => { // 300 more, posted the way the client posts
      const csrf = /(?:^|;\s*)confab_csrf=([^;]*)/.exec(document.cookie)?.[1] ?? '';
      for (let i = 0; i < 300; i++) {
        await fetch('/api/chat.postMessage', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Confab-CSRF': csrf },
          body: JSON.stringify({ channel: ch, text: `filler ${i}` }) });
      }
    }, [channel]);
    await ann.page.locator('a.conv', { hasText: `history-${run}` }).click();
    await message(ann.page, 'filler 299').waitFor(T);
    const list = ann.page.getByTestId('messages');
    const rows = () => ann.page.getByTestId('messages').getByTestId('message').count();
    assert.equal(await rows(), 50);

    // scrolled to the top: the row at the top stays exactly where it is while 50 older ones are put above it
    const top = await list.evaluate((el) => {
      el.scrollTop = 0;
      const row = el.querySelector('.message');
      const at = row.getBoundingClientRect().top;
      el.dispatchEvent(new Event('scroll'));
      return { ts: row.dataset.ts, at };
    });
    await ann.page.waitForFunction(() => document.querySelectorAll('[data-testid=messages] .message').length === 100, null, T);
    const moved = await list.evaluate((el, ts) => el.querySelector(`.message[data-ts="${ts}"]`).getBoundingClientRect().top, top.ts);
    assert.ok(Math.abs(moved - top.at) <= 1, `the row at the top moved from ${top.at} to ${moved}`);
    // a row above the view growing without a render (as an image loading would) moves nothing either
    const grown = await list.evaluate(async (el, ts) => {
      const row = el.querySelector(`.message[data-ts="${ts}"]`);
      const before = row.getBoundingClientRect().top;
      el.querySelector('.message').style.paddingTop = '300px';
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return { before, after: row.getBoundingClientRect().top };
    }, top.ts);
    assert.ok(Math.abs(grown.after - grown.before) <= 1, `the row in view moved from ${grown.before} to ${grown.after}`);

    // on to the beginning: never more than 200 messages mounted, the newest ones dropped
    let most = 0;
    while (!(await ann.page.getByTestId('beginning').count())) {
      most = Math.max(most, await rows());
      await list.evaluate((el) => { el.scrollTop = 0; el.dispatchEvent(new Event('scroll')); });
      await ann.page.waitForTimeout(100);
    }
    assert.ok(most <= 200, `${most} messages mounted`);
    await message(ann.page, 'zephyrine').waitFor(T);
    assert.equal(await message(ann.page, 'filler 299').count(), 0);
    // back down: the dropped pages come back in order, then live messages stick to the bottom
    await ann.page.getByTestId('jump-recent').waitFor(T);
    for (let i = 0; i < 40 && (await ann.page.getByTestId('jump-recent').count()); i++) {
      await list.evaluate((el) => { el.scrollTop = el.scrollHeight; el.dispatchEvent(new Event('scroll')); });
      await ann.page.waitForTimeout(100);
    }
    await message(ann.page, 'filler 299').waitFor(T);
    const texts = await list.getByTestId('message-text').allInnerTexts();
    const numbers = texts.map((t) => /^filler (\d+)$/.exec(t)?.[1]).filter(Boolean).map(Number);
    assert.deepEqual(numbers, numbers.map((_, i) => numbers[0] + i), 'consecutive, nothing skipped or doubled');
    await ann.page.getByTestId('jump-recent').waitFor({ state: 'detached', ...T });
    await list.evaluate((el) => { el.scrollTop = el.scrollHeight; el.dispatchEvent(new Event('scroll')); });
    await api(bob.page, 'chat.postMessage', { channel, text: 'a live one at the bottom' });
    await message(ann.page, 'a live one at the bottom').waitFor(T);
    assert.ok(await list.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 2), 'stuck to the bottom');
  });

  it('searches, completes in: and from:, and jumps to a result in its history', async () => {
    const p = ann.page;
    const box = p.getByTestId('search-input');
    await p.keyboard.press('Control+g');
    assert.equal(await box.evaluate((el) => el === document.activeElement), true, 'Ctrl+G focuses the search box');
    await box.pressSequentially('zephyrine in:#hist');
    await p.getByTestId('search-suggestions').getByRole('option', { name: `#history-${run}` }).waitFor(T);
    await box.press('Enter'); // picks the suggestion
    assert.equal(await box.inputValue(), `zephyrine in:#history-${run} `);
    await box.pressSequentially('from:@bo');
    await p.getByTestId('search-suggestions').getByRole('option', { name: /@bob/ }).waitFor(T);
    await box.press('Tab');
    assert.match(await box.inputValue(), new RegExp(`^zephyrine in:#history-${run} from:@bob\\S* $`));

    const results = p.getByTestId('search-results');
    const hit = results.getByTestId('search-hit');
    for (let i = 0; i < 20 && !(await hit.count()); i++) { // new messages are searchable within a second
      await box.press('Enter');
      await results.getByTestId('search-total').filter({ hasText: 'result' }).waitFor(T);
      if (!(await hit.count())) await p.waitForTimeout(250);
    }
    await results.getByTestId('search-total').filter({ hasText: '1 result' }).waitFor(T);
    assert.equal(await hit.locator('mark').first().textContent(), 'zephyrine');
    assert.match(await hit.innerText(), /history-.*bob/s);

    // from #general: the channel opens at the message, 300 newer ones not loaded yet
    await p.locator('a.conv', { hasText: 'general' }).click();
    await p.getByTestId('channel-title').filter({ hasText: '#general' }).waitFor(T);
    await hit.click();
    await p.getByTestId('channel-title').filter({ hasText: `#history-${run}` }).waitFor(T);
    const target = p.getByTestId('jump-target');
    await target.filter({ hasText: 'the zephyrine rollout starts on Monday' }).waitFor(T);
    const seen = await target.evaluate((el) => {
      const list = el.closest('[data-testid=messages]').getBoundingClientRect();
      const r = el.getBoundingClientRect();
      return r.top >= list.top && r.bottom <= list.bottom;
    });
    assert.ok(seen, 'the result is scrolled into view');
    assert.ok(await p.getByTestId('messages').getByTestId('message').count() <= 200);
    await p.waitForTimeout(1700); // the highlight's flash has faded
    await screenshot(p, 'search-light');
    await p.getByTestId('jump-recent').click();
    await message(p, 'a live one at the bottom').waitFor(T);

    // a thread reply opens its channel at the parent, with the thread beside it
    await box.fill('threaded answer');
    await box.press('Enter');
    await results.getByTestId('search-hit').filter({ hasText: 'in a thread' }).first().click();
    await p.getByTestId('channel-title').filter({ hasText: '#general' }).waitFor(T);
    await p.getByTestId('jump-target').filter({ hasText: 'hello from ann' }).waitFor(T);
    await p.getByTestId('thread').getByTestId('jump-target').filter({ hasText: 'a threaded answer' }).waitFor(T);
    await p.getByRole('button', { name: 'Close thread' }).click();
    assert.deepEqual(ann.errors.filter((e) => !/WebSocket/.test(e)), [], 'no errors in the page');

    // many results: 20 a page, newest first
    await box.fill('filler');
    await box.press('Enter');
    await results.getByTestId('search-total').filter({ hasText: '300 results' }).waitFor(T);
    assert.equal(await hit.count(), 20);
    assert.match(await hit.first().innerText(), /filler 299/);
    await results.getByRole('button', { name: 'Next →' }).click();
    await results.getByText('Page 2 of 15').waitFor(T);
    assert.match(await hit.first().innerText(), /filler 279/);
    await p.getByRole('button', { name: 'Close search' }).click();
    await p.locator('a.conv', { hasText: 'general' }).click();
  });

  it('has a dark theme, and a narrow layout', async () => {
    await ann.page.getByRole('button', { name: 'Toggle theme' }).click();
    assert.equal(await ann.page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    await screenshot(ann.page, 'channel-dark');
    await message(ann.page, 'hello from ann').getByTestId('replies').click();
    await screenshot(ann.page, 'thread-dark');
    await ann.page.setViewportSize({ width: 420, height: 800 });
    await screenshot(ann.page, 'narrow-dark');
    await ann.page.setViewportSize({ width: 1280, height: 800 });
  });

  it('signs out and signs back in', async () => {
    await ann.page.getByRole('button', { name: 'Sign out' }).click();
    await ann.page.getByRole('tab', { name: 'Sign in' }).waitFor(T);
    assert.equal((await ann.context.cookies()).some((c) => c.name === 'confab_session'), false);
    await ann.page.getByLabel('Workspace').fill(domain);
    await ann.page.getByLabel('Email').fill(annEmail);
    await ann.page.getByLabel('Password').fill('correct-horse-battery');
    await ann.page.getByRole('button', { name: 'Sign in' }).last().click();
    await ann.page.getByTestId('channel-title').waitFor(T);
  });
});
