import { call } from './api';
import { sameOriginPath, uploadName } from './files';

/**
 * Uploading a file from the browser the way Slack's current clients do:
 * `files.getUploadURLExternal` (cookie session + CSRF header, like every call), then the bytes
 * to the signed, single-use upload URL with XMLHttpRequest (fetch cannot report upload
 * progress), then `files.completeUploadExternal` shares the finished uploads in one message.
 * The upload URL's signature is its authority, so that POST carries no session at all.
 */
export interface Uploaded {
  id: string;
  title: string;
}

export class UploadError extends Error {}

/** Sends one file; `onProgress(loaded, total)` as bytes leave. Abort through `signal`. */
export async function uploadFile(file: File, onProgress: (loaded: number, total: number) => void, signal?: AbortSignal): Promise<Uploaded> {
  const name = uploadName(file.name, file.type);
  const r = await call('files.getUploadURLExternal', { filename: name, length: file.size });
  const path = sameOriginPath(r.upload_url);
  if (!path) throw new UploadError('bad_upload_url');
  await post(path, file, onProgress, signal);
  return { id: r.file_id, title: name };
}

function post(path: string, body: Blob, onProgress: (loaded: number, total: number) => void, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new UploadError('cancelled'));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : body.size);
    xhr.onload = () => {
      if (xhr.status === 200) {
        onProgress(body.size, body.size);
        resolve();
      } else {
        let code = `http_${xhr.status}`;
        try {
          code = JSON.parse(xhr.responseText).error ?? code;
        } catch {
          // a plain-text answer: keep the status
        }
        reject(new UploadError(code));
      }
    };
    xhr.onerror = () => reject(new UploadError('network_error'));
    xhr.onabort = () => reject(new UploadError('cancelled'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

/** Shares uploaded files in a conversation (or a thread) as one message, with the typed text. */
export async function shareFiles(files: Uploaded[], channel: string, comment: string, threadTs?: string): Promise<void> {
  const args: Record<string, unknown> = { files: JSON.stringify(files), channel_id: channel };
  if (comment) args.initial_comment = comment;
  if (threadTs) args.thread_ts = threadTs;
  await call('files.completeUploadExternal', args);
}
