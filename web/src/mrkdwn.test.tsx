import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { renderMrkdwn, type Resolver } from './mrkdwn';

const r: Resolver = {
  userName: (id) => ({ U0AAAAAAAA1: 'ann', U0EVIL00001: '<img src=x onerror=alert(1)>' } as Record<string, string>)[id] ?? '',
  channelName: (id) => (id === 'C0AAAAAAAA1' ? 'general' : ''),
  selfId: 'U0AAAAAAAA1',
};
const html = (text: string) => renderToStaticMarkup(<div>{renderMrkdwn(text, r)}</div>);

describe('mrkdwn', () => {
  it('formats bold, italic, strike and inline code', () => {
    expect(html('*bold* _it_ ~gone~ `x*y*z`')).toBe('<div><b>bold</b> <i>it</i> <s>gone</s> <code>x*y*z</code></div>');
  });

  it('does not format inside words or across spaces at the markers', () => {
    expect(html('snake_case_name and 2*3*4')).toBe('<div>snake_case_name and 2*3*4</div>');
    expect(html('* not bold *')).toBe('<div>* not bold *</div>');
  });

  it('renders code blocks literally, without formatting', () => {
    expect(html('before\n```\n*raw* <b>\n```\nafter')).toContain('<pre class="code-block">*raw* &lt;b&gt;</pre>');
  });

  it('renders quotes, mentions, channel links and links', () => {
    const out = html('&gt; quoted *text*\nhi <@U0AAAAAAAA1> see <#C0AAAAAAAA1|general> and <https://example.com|the site>');
    expect(out).toContain('<blockquote><div>quoted <b>text</b></div></blockquote>');
    expect(out).toContain('<span class="mention mention-self" data-user="U0AAAAAAAA1">@ann</span>');
    expect(out).toContain('<a class="channel-link" href="/client/C0AAAAAAAA1">#general</a>');
    expect(out).toContain('<a href="https://example.com" target="_blank" rel="noopener noreferrer nofollow">the site</a>');
  });

  it('links bare URLs and emoji names', () => {
    expect(html('go to https://example.com/a_b_c. :tada:')).toContain('<a href="https://example.com/a_b_c"');
    expect(html(':tada:')).toContain('🎉');
  });

  it.each([
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '&lt;img src=x onerror=alert(1)&gt;',
    '<javascript:alert(1)|click me>',
    '<data:text/html;base64,PHNjcmlwdD4=|x>',
    '*<svg onload=alert(1)>*',
    '```</pre><script>alert(1)</script>```',
    '<@U0EVIL00001>',
    '<https://ok.example" onmouseover="alert(1)|x>',
  ])('renders hostile input as text: %s', (text) => {
    const doc = new DOMParser().parseFromString(html(text), 'text/html');
    const elements = [...doc.body.querySelectorAll('*')];
    expect(elements.map((e) => e.tagName.toLowerCase())).not.toContain('script');
    expect(elements.map((e) => e.tagName.toLowerCase()).filter((t) => ['img', 'svg', 'iframe', 'object'].includes(t))).toEqual([]);
    for (const e of elements) {
      for (const a of e.getAttributeNames()) expect(a.startsWith('on'), `${e.tagName} ${a}`).toBe(false);
      const href = e.getAttribute('href');
      if (href) expect(href).toMatch(/^(https?:|mailto:|\/client\/)/);
    }
  });

  it('shows a hostile tag as the text the sender typed', () => {
    expect(html('&lt;script&gt;alert(1)&lt;/script&gt;')).toBe('<div>&lt;script&gt;alert(1)&lt;/script&gt;</div>');
    expect(html('<javascript:alert(1)|click me>')).toBe('<div>&lt;javascript:alert(1)|click me&gt;</div>');
    expect(html('<@U0EVIL00001>')).toContain('@&lt;img src=x onerror=alert(1)&gt;</span>');
  });
});
