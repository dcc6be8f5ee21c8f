import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage, wordAtCaret } from './compose';
import { mergeMessages, react } from './chat';
import { tsCompare } from './ts';

describe('composing', () => {
  it('escapes what the user typed and turns picked mentions into tokens', () => {
    const tokens = new Map([['@ann', '<@U0AAAAAAAA1>'], ['#general', '<#C0AAAAAAAA1|general>']]);
    expect(encodeMessage('hi @ann, see #general & <b>', tokens)).toBe('hi <@U0AAAAAAAA1>, see <#C0AAAAAAAA1|general> &amp; &lt;b&gt;');
    expect(encodeMessage('mail ann@annie.test', tokens)).toBe('mail ann@annie.test');
  });

  it('turns a stored message back into editable text and back again', () => {
    const stored = 'hey <@U0AAAAAAAA1> &lt;3';
    const { typed, tokens } = decodeMessage(stored, () => 'ann', () => '');
    expect(typed).toBe('hey @ann <3');
    expect(encodeMessage(typed, tokens)).toBe(stored);
  });

  it('finds the word being completed at the caret', () => {
    expect(wordAtCaret('hello @an', 9)).toEqual({ sigil: '@', query: 'an', start: 6 });
    expect(wordAtCaret('#ge', 3)).toEqual({ sigil: '#', query: 'ge', start: 0 });
    expect(wordAtCaret('mail a@b', 8)).toBeNull();
  });
});

describe('state helpers', () => {
  it('compares ts strings exactly', () => {
    expect(tsCompare('1700000000.000100', '1700000000.000099')).toBeGreaterThan(0);
    expect(tsCompare('999999999.999999', '1000000000.000000')).toBeLessThan(0);
    expect(tsCompare('1700000000.000100', '1700000000.000100')).toBe(0);
  });

  it('merges history pages in order without duplicates', () => {
    const m = (ts: string, text = ts) => ({ ts, text });
    const merged = mergeMessages([m('1.000002'), m('1.000001')], [m('1.000003'), m('1.000002', 'edited')]);
    expect(merged.map((x) => x.text)).toEqual(['1.000001', 'edited', '1.000003']);
  });

  it('applies reaction events idempotently', () => {
    let rs = react([], 'tada', 'U1', true);
    rs = react(rs, 'tada', 'U1', true);
    rs = react(rs, 'tada', 'U2', true);
    expect(rs).toEqual([{ name: 'tada', users: ['U1', 'U2'], count: 2 }]);
    rs = react(react(rs, 'tada', 'U1', false), 'tada', 'U2', false);
    expect(rs).toEqual([]);
  });
});
