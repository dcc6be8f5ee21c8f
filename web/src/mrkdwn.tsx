import { Fragment, type ReactNode } from 'react';
import { emoji } from './emoji';

/**
 * Slack mrkdwn to React elements. Everything ends up as React text nodes or a fixed set of
 * elements with attributes we choose, never as HTML: a message cannot inject markup or script
 * whatever it contains. Links keep only http(s) and mailto targets.
 */
export interface Resolver {
  userName(id: string): string;
  channelName(id: string): string;
  selfId?: string;
  openChannel?(id: string): void;
}

/** Slack escapes these three in message text; everything else is literal. */
export function decodeEntities(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** What a client sends: the three characters Slack escapes, escaped. */
export function encodeEntities(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const SAFE_URL = /^(https?:\/\/|mailto:)[^\s]+$/i;

export function safeUrl(url: string): string | null {
  return SAFE_URL.test(url) ? url : null;
}

// code span | <token> | *bold* _italic_ ~strike~ | bare URL | :emoji:
const TOKEN =
  /`([^`\n]+)`|<([^<>\s][^<>]*)>|(?<![\p{L}\p{N}*_~])([*_~])(?!\s)([^\n]*?[^\s])\3(?![\p{L}\p{N}*_~])|(https?:\/\/[^\s<>]*[^\s<>.,;:!?)\]'"])|:([a-z0-9_+-]+(?:::skin-tone-\d)?):/gu;

export function renderInline(text: string, r: Resolver, key = 'i'): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let n = 0;
  TOKEN.lastIndex = 0;
  const matches = [...text.matchAll(TOKEN)];
  for (const m of matches) {
    const at = m.index ?? 0;
    if (at > last) out.push(decodeEntities(text.slice(last, at)));
    const k = `${key}.${n++}`;
    if (m[1] !== undefined) out.push(<code key={k}>{decodeEntities(m[1])}</code>);
    else if (m[2] !== undefined) out.push(angle(m[2], r, k, m[0]));
    else if (m[3] !== undefined) {
      const inner = renderInline(m[4], r, k);
      out.push(m[3] === '*' ? <b key={k}>{inner}</b> : m[3] === '_' ? <i key={k}>{inner}</i> : <s key={k}>{inner}</s>);
    } else if (m[5] !== undefined) {
      const url = decodeEntities(m[5]);
      out.push(link(url, url, k));
    } else if (m[6] !== undefined) {
      const e = emoji(m[6]);
      out.push(e.startsWith(':') ? e : <span key={k} className="emoji" title={`:${m[6]}:`}>{e}</span>);
    }
    last = at + m[0].length;
  }
  if (last < text.length) out.push(decodeEntities(text.slice(last)));
  return out;
}

function link(url: string, label: ReactNode, key: string): ReactNode {
  const href = safeUrl(url);
  if (!href) return <Fragment key={key}>{label}</Fragment>;
  return (
    <a key={key} href={href} target="_blank" rel="noopener noreferrer nofollow">
      {label}
    </a>
  );
}

/** `<@U…|name>`, `<#C…|name>`, `<!here>`, `<url|label>`; anything else is shown as typed. */
function angle(body: string, r: Resolver, key: string, raw: string): ReactNode {
  const bar = body.indexOf('|');
  const target = bar < 0 ? body : body.slice(0, bar);
  const label = bar < 0 ? null : decodeEntities(body.slice(bar + 1));
  if (/^@[UW][A-Z0-9]+$/.test(target)) {
    const id = target.slice(1);
    return (
      <span key={key} className={'mention' + (id === r.selfId ? ' mention-self' : '')} data-user={id}>
        @{r.userName(id) || label || id}
      </span>
    );
  }
  if (/^#[CGD][A-Z0-9]+$/.test(target)) {
    const id = target.slice(1);
    return (
      <a key={key} className="channel-link" href={`/client/${id}`}
        onClick={(e) => { if (r.openChannel) { e.preventDefault(); r.openChannel(id); } }}>
        #{r.channelName(id) || label || id}
      </a>
    );
  }
  if (/^!(here|channel|everyone)(\|.*)?$/.test(body)) {
    return <span key={key} className="mention mention-self">@{target.slice(1)}</span>;
  }
  if (target.startsWith('!subteam^')) return <span key={key} className="mention">@{label ?? 'group'}</span>;
  const url = decodeEntities(target);
  if (safeUrl(url)) return link(url, label ?? url, key);
  return <Fragment key={key}>{decodeEntities(raw)}</Fragment>;
}

/** Whole message: ``` blocks and > quotes at the line level, inline formatting inside. */
export function renderMrkdwn(text: string, r: Resolver): ReactNode {
  const out: ReactNode[] = [];
  const parts = text.split(/```/);
  parts.forEach((part, i) => {
    if (i % 2 === 1 && i < parts.length - 1) {
      out.push(<pre key={`p${i}`} className="code-block">{decodeEntities(part.replace(/^\n/, '').replace(/\n$/, ''))}</pre>);
      return;
    }
    const chunk = i % 2 === 1 ? '```' + part : part; // an unclosed fence stays literal
    const lines = chunk.split('\n');
    let quote: string[] = [];
    let plain: string[] = [];
    const flushPlain = () => {
      if (plain.length === 0) return;
      const k = `t${i}.${out.length}`;
      out.push(
        <Fragment key={k}>
          {plain.map((l, j) => (
            <Fragment key={j}>
              {j > 0 && <br />}
              {renderInline(l, r, `${k}.${j}`)}
            </Fragment>
          ))}
        </Fragment>,
      );
      plain = [];
    };
    const flushQuote = () => {
      if (quote.length === 0) return;
      const k = `q${i}.${out.length}`;
      out.push(<blockquote key={k}>{quote.map((l, j) => <div key={j}>{renderInline(l, r, `${k}.${j}`)}</div>)}</blockquote>);
      quote = [];
    };
    for (const line of lines) {
      const q = /^(&gt;|>) ?(.*)$/.exec(line);
      if (q) {
        flushPlain();
        quote.push(q[2]);
      } else {
        flushQuote();
        plain.push(line);
      }
    }
    flushPlain();
    flushQuote();
  });
  return out;
}
