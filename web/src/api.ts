/**
 * Web API calls from the browser. The session is an HttpOnly cookie the page cannot read; every
 * call echoes the script-readable CSRF cookie in X-Confab-CSRF (double submit), and marks itself
 * as the web client so that sign-in answers set the cookie instead of returning the token.
 */
export class ApiError extends Error {
  constructor(public readonly code: string, public readonly body: unknown) {
    super(code);
  }
}

export function csrfToken(): string {
  const m = /(?:^|;\s*)confab_csrf=([^;]*)/.exec(document.cookie);
  return m ? decodeURIComponent(m[1]) : '';
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export async function call(method: string, args: Record<string, unknown> = {}, attempt = 0): Promise<Json> {
  const res = await fetch(`/api/${method}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'X-Confab-CSRF': csrfToken(),
      'X-Confab-Client': 'web',
    },
    body: JSON.stringify(args),
  });
  if (res.status === 429 && attempt < 3) {
    // A refused connect says how long to wait in milliseconds (jittered); Retry-After is whole seconds.
    const refusal = await res.json().catch(() => ({}));
    const ms = typeof refusal.retry_after_ms === 'number' ? refusal.retry_after_ms : Number(res.headers.get('Retry-After') ?? '1') * 1000;
    await new Promise((r) => setTimeout(r, Math.min(ms, 30_000)));
    return call(method, args, attempt + 1);
  }
  const body = await res.json();
  if (!body.ok) throw new ApiError(body.error ?? 'unknown_error', body);
  return body;
}

/** Every page of a cursor-paginated list method, up to `max` items. */
export async function all(method: string, key: string, args: Record<string, unknown>, max = 5000): Promise<Json[]> {
  const out: Json[] = [];
  let cursor = '';
  do {
    const page = await call(method, { ...args, cursor, limit: 200 });
    out.push(...(page[key] ?? []));
    cursor = page.response_metadata?.next_cursor ?? '';
  } while (cursor && out.length < max);
  return out;
}
