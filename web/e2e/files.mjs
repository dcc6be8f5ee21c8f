// File sharing in the web client, between two people (called from client.test.mjs): the
// attach button, drag and drop and paste, progress, previews with the viewer, download links.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { api, message, screenshot } from './browser.mjs';

const T = { timeout: 15_000 };

/** A PNG drawn by the browser itself (the test needs real image bytes for the thumbnailer). */
async function drawPng(page, width, height, colour) {
  const dataUrl = await page.evaluate(([w, h, c]) => {
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const g = canvas.getContext('2d');
    g.fillStyle = c;
    g.fillRect(0, 0, w, h);
    g.fillStyle = '#ffffff';
    g.fillRect(w / 4, h / 4, w / 2, h / 2);
    return canvas.toDataURL('image/png');
  }, [width, height, colour]);
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

/** Drops a file on an element the way a file manager does: dragenter, dragover, drop with a DataTransfer. */
async function dropFile(page, target, name, type, text) {
  const dt = await page.evaluateHandle(([n, t, body]) => {
    const d = new DataTransfer();
    d.items.add(new File([body], n, { type: t }));
    return d;
  }, [name, type, text]);
  for (const type of ['dragenter', 'dragover', 'drop']) await target.dispatchEvent(type, { dataTransfer: dt });
}

/** Pastes an image into the message box the way a screenshot tool's clipboard does. */
async function pasteImage(page, box, png) {
  await box.evaluate((el, b64) => {
    const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
    const d = new DataTransfer();
    d.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: d, bubbles: true, cancelable: true }));
  }, png.toString('base64'));
}

export async function sharesFiles(ann, bob, run) {
  const composer = ann.page.locator('.pane .composer');
  const box = composer.getByRole('textbox', { name: 'Message', exact: true });
  const png = await drawPng(ann.page, 800, 400, '#e8912d');
  const notes = `notes of ${run}\nline two, ünïcode ✓\n`;

  // the button (a file input behind "Attach files") and a drop on the composer
  await ann.page.locator('.pane').getByTestId('file-input').setInputFiles({ name: `sunset-${run}.png`, mimeType: 'image/png', buffer: png });
  await dropFile(ann.page, ann.page.locator('.pane').getByTestId('dropzone'), `notes-${run}.txt`, 'text/plain', notes);
  const tray = ann.page.locator('.pane').getByTestId('attachment');
  await tray.nth(1).waitFor(T);
  assert.equal(await tray.count(), 2);
  // each has a progress bar that reaches the end
  await ann.page.locator('.pane [data-testid="attachment"].uploaded').nth(1).waitFor(T);
  assert.deepEqual(await tray.locator('progress').evaluateAll((ps) => ps.map((p) => p.value)), [1, 1]);
  await box.fill('two files for you');
  await box.press('Enter');
  await tray.first().waitFor({ state: 'detached', ...T });

  // bob sees the message arrive with the image's thumbnail (once made) and the text file's card
  const seen = message(bob.page, 'two files for you');
  await seen.waitFor(T);
  const preview = seen.getByTestId('file-preview');
  await preview.waitFor(T);
  await preview.locator('img').evaluate((img) => img.complete ? null : new Promise((r) => { img.onload = r; }));
  const thumb = await preview.locator('img').evaluate((img) => ({ w: img.naturalWidth, h: img.naturalHeight, src: img.getAttribute('src') }));
  assert.deepEqual([thumb.w, thumb.h], [360, 180], 'the 360 thumbnail');
  assert.match(thumb.src, /^\/files-tmb\//);
  await screenshot(bob.page, 'files-light');

  // the viewer: full size, closed with Escape
  await preview.click();
  const viewer = bob.page.getByTestId('file-viewer');
  await viewer.waitFor(T);
  const full = viewer.getByTestId('file-viewer-image');
  await full.evaluate((img) => img.complete ? null : new Promise((r) => { img.onload = r; }));
  assert.deepEqual(await full.evaluate((img) => [img.naturalWidth, img.naturalHeight]), [800, 400]);
  await screenshot(bob.page, 'file-viewer-light');
  await bob.page.keyboard.press('Escape');
  await viewer.waitFor({ state: 'detached', ...T });

  // the text file downloads with the same bytes
  const card = seen.getByTestId('file-card').filter({ hasText: `notes-${run}.txt` });
  await card.waitFor(T);
  const [download] = await Promise.all([
    bob.page.waitForEvent('download', T),
    card.getByRole('link', { name: `Download notes-${run}.txt` }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `notes-${run}.txt`);
  const got = await readFile(await download.path());
  assert.ok(got.equals(Buffer.from(notes, 'utf8')), `downloaded bytes differ: ${JSON.stringify(got.toString('utf8'))}`);

  // a pasted screenshot is attached and sent on its own (no text)
  await pasteImage(ann.page, box, await drawPng(ann.page, 200, 100, '#2bac76'));
  await ann.page.locator('.pane [data-testid="attachment"].uploaded').waitFor(T);
  await box.press('Enter');
  const pasted = bob.page.getByTestId('messages').getByTestId('file-preview').filter({ has: bob.page.locator('img[alt^="Pasted image"]') });
  await pasted.waitFor(T);

  // a file the uploader deletes becomes a tombstone for the other person
  const files = (await api(ann.page, 'files.list', {})).files;
  const pastedId = files.find((f) => f.name.startsWith('Pasted image')).id;
  const del = await api(ann.page, 'files.delete', { file: pastedId });
  assert.equal(del.ok, true, JSON.stringify(del));
  await pasted.waitFor({ state: 'detached', ...T });
  await bob.page.getByTestId('messages').getByTestId('file-deleted').waitFor(T);

  assert.deepEqual(ann.errors.filter((e) => !/WebSocket/.test(e)), []);
  assert.deepEqual(bob.errors.filter((e) => !/WebSocket/.test(e)), []);
}
