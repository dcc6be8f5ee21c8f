import { describe, expect, it } from 'vitest';
import { carries, formatBytes, fraction, isPreviewable, replaceFile, sameOriginPath, uploadName, type SlackFile } from './files';

describe('sameOriginPath', () => {
  it('keeps the path and query of Confab file URLs, whatever host the server calls itself', () => {
    expect(sameOriginPath('http://localhost:8080/files-pri/T1-F1/cat.png')).toBe('/files-pri/T1-F1/cat.png');
    expect(sameOriginPath('https://chat.example.com/files-tmb/T1-F1/360')).toBe('/files-tmb/T1-F1/360');
    expect(sameOriginPath('http://127.0.0.1:1/files-upload/F1?exp=9&sig=ab%2Fc')).toBe('/files-upload/F1?exp=9&sig=ab%2Fc');
  });

  it('refuses anything else: other paths, schemes, missing values', () => {
    expect(sameOriginPath(undefined)).toBeNull();
    expect(sameOriginPath('')).toBeNull();
    expect(sameOriginPath('javascript:alert(1)//files-pri/')).toBeNull();
    expect(sameOriginPath('data:text/html,<script>alert(1)</script>')).toBeNull();
    expect(sameOriginPath('https://bucket.s3.amazonaws.com/T1/F1/original?X-Amz-Signature=x')).toBeNull();
    expect(sameOriginPath('http://evil.test/api/auth.signout')).toBeNull();
    // the URL parser resolves dot segments: what is left must still be a file path
    expect(sameOriginPath('http://h/files-pri/../api/auth.signout')).toBeNull();
  });
});

describe('formatBytes', () => {
  it('uses decimal units with one decimal below ten', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1500)).toBe('1.5 KB');
    expect(formatBytes(12_345_678)).toBe('12 MB');
    expect(formatBytes(1_073_741_824)).toBe('1.1 GB');
    expect(formatBytes(-1)).toBe('');
  });
});

describe('uploadName', () => {
  const at = new Date(2026, 10, 23, 4, 5, 6);
  it('names pasted screenshots by date with the extension of their type', () => {
    expect(uploadName('image.png', 'image/png', at)).toBe('Pasted image 2026-11-23 at 04.05.06.png');
    expect(uploadName('', 'image/jpeg', at)).toBe('Pasted image 2026-11-23 at 04.05.06.jpg');
  });
  it('keeps real names', () => {
    expect(uploadName('notes.txt', 'text/plain', at)).toBe('notes.txt');
    expect(uploadName('holiday image.png', 'image/png', at)).toBe('holiday image.png');
  });
});

describe('fraction', () => {
  it('is clamped to 0..1 and 0 when the total is unknown', () => {
    expect(fraction(50, 200)).toBe(0.25);
    expect(fraction(300, 200)).toBe(1);
    expect(fraction(5, 0)).toBe(0);
    expect(fraction(5, NaN)).toBe(0);
  });
});

describe('isPreviewable', () => {
  it('is true for images a browser shows, false for SVG and everything else', () => {
    expect(isPreviewable({ id: 'F', mimetype: 'image/png' })).toBe(true);
    expect(isPreviewable({ id: 'F', mimetype: 'image/jpeg' })).toBe(true);
    expect(isPreviewable({ id: 'F', mimetype: 'image/svg+xml' })).toBe(false);
    expect(isPreviewable({ id: 'F', mimetype: 'text/html' })).toBe(false);
    expect(isPreviewable({ id: 'F' })).toBe(false);
  });
});

describe('replaceFile', () => {
  const old: SlackFile = { id: 'F1', name: 'cat.png' };
  const msgs = [
    { ts: '1.0', files: [old, { id: 'F2' }] },
    { ts: '2.0' },
    { ts: '3.0', files: [{ id: 'F3' }] },
  ];
  it('puts the new version into the messages carrying the file, leaving the others as they were', () => {
    const next = replaceFile(msgs, { id: 'F1', name: 'cat.png', thumb_360: '/files-tmb/T-F1/360' });
    expect(next).not.toBe(msgs);
    expect(next[0]).not.toBe(msgs[0]);
    expect(next[0].files?.[0].thumb_360).toBe('/files-tmb/T-F1/360');
    expect(next[0].files?.[1]).toBe(msgs[0].files?.[1]);
    expect(next[1]).toBe(msgs[1]);
    expect(next[2]).toBe(msgs[2]);
  });
  it('returns the same array when no message carries the file', () => {
    expect(replaceFile(msgs, { id: 'F9', mode: 'tombstone' })).toBe(msgs);
  });
  it('turns a deleted file into a tombstone', () => {
    const next = replaceFile(msgs, { id: 'F3', mode: 'tombstone' });
    expect(next[2].files).toEqual([{ id: 'F3', mode: 'tombstone' }]);
    expect(carries(next, 'F3')).toBe(true);
    expect(carries(next, 'F9')).toBe(false);
  });
});
