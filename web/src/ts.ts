/** Slack `ts` strings ("1700000000.000100") compared exactly (floats lose the microseconds). */
export function tsCompare(a: string, b: string): number {
  const [as, au = ''] = a.split('.');
  const [bs, bu = ''] = b.split('.');
  if (as.length !== bs.length) return as.length - bs.length;
  if (as !== bs) return as < bs ? -1 : 1;
  const x = au.padEnd(6, '0');
  const y = bu.padEnd(6, '0');
  return x === y ? 0 : x < y ? -1 : 1;
}

export function tsMax(a: string | undefined, b: string): string {
  return a === undefined || tsCompare(b, a) > 0 ? b : a;
}

export function tsDate(ts: string): Date {
  return new Date(Number(ts.split('.')[0]) * 1000);
}

/** A ts for a moment in the browser's clock (used only as a resume floor, with slack). */
export function tsOf(ms: number): string {
  return `${Math.floor(ms / 1000)}.000000`;
}
