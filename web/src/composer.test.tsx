import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Chat } from './chat';
import { Editor } from './Composer';
import { ChatContext } from './useChat';

vi.mock('./directory', () => ({
  directory: {
    users: async () => [{ id: 'U1', name: 'ann', profile: { display_name: 'ann' } }],
    channels: async () => [],
  },
}));

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const chat = { subscribe: () => () => undefined, getVersion: () => 0, userName: () => '', convs: new Map() } as unknown as Chat;
const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;

/** Types the way the browser does: each character goes in at the caret. */
function type(el: HTMLTextAreaElement, chars: string) {
  for (const ch of chars) {
    act(() => {
      const at = el.selectionStart;
      setValue.call(el, el.value.slice(0, at) + ch + el.value.slice(el.selectionEnd));
      el.setSelectionRange(at + 1, at + 1);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
  }
}

function press(el: HTMLTextAreaElement, key: string) {
  act(() => { el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true })); });
}

describe('the message editor', () => {
  let frames: FrameRequestCallback[] = [];
  let container: HTMLDivElement;
  beforeEach(() => {
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f));
    container = document.body.appendChild(document.createElement('div'));
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    container.remove();
  });

  it('keeps what is typed right after a picked mention, before the next frame', async () => {
    const sent: string[] = [];
    const root = createRoot(container);
    act(() => root.render(
      <ChatContext.Provider value={chat}>
        <Editor initial="" onSave={async (t) => { sent.push(t); }} onCancel={() => undefined} />
      </ChatContext.Provider>,
    ));
    const box = container.querySelector('textarea')!;
    type(box, 'ping @an');
    await act(async () => {}); // the typeahead's answer
    expect(container.querySelector('[role=option][aria-selected=true]')?.textContent).toContain('ann');
    press(box, 'Enter'); // picks ann
    type(box, 'a'); // the next key comes before the browser's next frame
    act(() => { for (const f of frames.splice(0)) f(performance.now()); });
    type(box, 're you there?');
    press(box, 'Enter');
    await act(async () => {});
    expect(sent).toEqual(['ping <@U1> are you there?']);
    act(() => root.unmount());
  });

  it('puts the caret right after a mention picked in the middle of the text', async () => {
    const root = createRoot(container);
    act(() => root.render(
      <ChatContext.Provider value={chat}>
        <Editor initial="" onSave={async () => undefined} onCancel={() => undefined} />
      </ChatContext.Provider>,
    ));
    const box = container.querySelector('textarea')!;
    type(box, 'ping  now');
    act(() => { box.setSelectionRange(5, 5); box.dispatchEvent(new Event('select', { bubbles: true })); });
    type(box, '@an');
    await act(async () => {});
    press(box, 'Enter');
    expect(box.value).toBe('ping @ann  now');
    expect(box.selectionStart).toBe(10);
    act(() => root.unmount());
  });
});
