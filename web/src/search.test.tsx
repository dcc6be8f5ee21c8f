import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { renderMrkdwn } from './mrkdwn';
import { markTerms } from './SearchResults';
import { applyModifier, highlightedTerms, markRuns, modifierAt, stripHighlights, threadOf } from './searchQuery';

const r = { userName: () => 'ann', channelName: () => 'dev' };

describe('search in the client', () => {
  it('knows which modifier the caret is completing', () => {
    expect(modifierAt('deploy in:#de', 13)).toMatchObject({ key: 'in', sigil: '#', partial: 'de', start: 7, end: 13, negated: false });
    expect(modifierAt('from:an deploy', 7)).toMatchObject({ key: 'from', sigil: '', partial: 'an', start: 0, end: 7 });
    expect(modifierAt('from:@an', 8)).toMatchObject({ key: 'from', sigil: '@', partial: 'an' });
    expect(modifierAt('x -in:@bo', 9)).toMatchObject({ key: 'in', sigil: '@', partial: 'bo', negated: true });
    expect(modifierAt('in:', 3)).toMatchObject({ key: 'in', partial: '' });
    expect(modifierAt('deploy fix', 6)).toBeNull();
    expect(modifierAt('has:link', 8)).toBeNull();
    expect(modifierAt('in:#dev fix', 11)).toBeNull(); // the caret is in "fix"
  });

  it('replaces the token with the picked value and puts the caret after it', () => {
    const q = 'deploy in:#de';
    expect(applyModifier(q, modifierAt(q, 13)!, '#dev')).toEqual({ text: 'deploy in:#dev ', caret: 15 });
    const mid = 'from:a deploy';
    expect(applyModifier(mid, modifierAt(mid, 6)!, '@ann')).toEqual({ text: 'from:@ann deploy', caret: 10 });
    const neg = '-in:#ra';
    expect(applyModifier(neg, modifierAt(neg, 7)!, '#random').text).toBe('-in:#random ');
  });

  it('reads the highlighted words and strips the markers', () => {
    const text = 'we \uE000deployed\uE001 the \uE000fix\uE001, \uE000Deployed\uE001 twice';
    expect(highlightedTerms(text)).toEqual(['deployed', 'fix']);
    expect(stripHighlights(text)).toBe('we deployed the fix, Deployed twice');
  });

  it('marks terms in text runs, longest first, case ignored, regex characters literal', () => {
    expect(markRuns('Fix the fixture', ['fix', 'fixture'])).toEqual([
      { text: 'Fix', hit: true }, { text: ' the ', hit: false }, { text: 'fixture', hit: true },
    ]);
    expect(markRuns('a+b (c)', ['a+b', '(c)']).filter((x) => x.hit).map((x) => x.text)).toEqual(['a+b', '(c)']);
    expect(markRuns('nothing', [])).toEqual([{ text: 'nothing', hit: false }]);
  });

  it('highlights inside rendered mrkdwn without turning text into markup', () => {
    const html = renderToStaticMarkup(<>{markTerms(renderMrkdwn('*deploy* now <https://x.test|deploy docs> &lt;b&gt;deploy&lt;/b&gt;', r), ['deploy'])}</>);
    expect(html).toContain('<b><mark>deploy</mark></b>');
    expect(html).toContain('<mark>deploy</mark> docs</a>');
    expect(html).toContain('&lt;b&gt;<mark>deploy</mark>&lt;/b&gt;');
    expect(html).not.toContain('<b>deploy');
  });

  it('finds the thread of a reply from its permalink', () => {
    expect(threadOf('http://h/archives/C1/p1700000000000200?thread_ts=1700000000.000100&cid=C1')).toBe('1700000000.000100');
    expect(threadOf('http://h/archives/C1/p1700000000000100')).toBeUndefined();
    expect(threadOf(undefined)).toBeUndefined();
  });
});
