import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { AppError } from '@chat/platform/errors';
import { SNIFF_BYTES } from './content-type';

/** An upload on the local disk, not yet checked. */
export interface SpooledFile {
  path: string;
  size: number;
  /** The leading bytes, for the type detection. */
  head: Buffer;
  filename: string | undefined;
}

export class PayloadTooLargeError extends AppError {
  constructor(maxBytes: number) {
    super('PAYLOAD_TOO_LARGE', `A file may have at most ${maxBytes} bytes`);
  }
}

/** What a multipart body may carry beyond the file itself: boundaries and part headers. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** Throws PayloadTooLargeError when the request says up front (Content-Length) that it is too large. */
export function assertDeclaredSize(request: IncomingMessage, maxBytes: number): void {
  if (Number(request.headers['content-length']) > maxBytes + MULTIPART_OVERHEAD_BYTES)
    throw new PayloadTooLargeError(maxBytes);
}

const notOneFile = () =>
  AppError.validation('The body must be multipart/form-data with exactly one part, a file named "file"');

/**
 * Streams the one `file` part of a multipart body to a file in `dir`, never holding more than a chunk in
 * memory. Fails (and removes the partial file) as soon as the part passes `maxBytes`, on any other part,
 * and when the client goes away.
 */
export async function spoolUpload(
  request: IncomingMessage,
  dir: string,
  maxBytes: number,
): Promise<SpooledFile> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: request.headers,
      // busboy signals a limit once a count *reaches* it: one byte past the largest file is the signal,
      // and a second part is caught by the files and fields limits.
      defParamCharset: 'utf8',
      limits: { files: 1, fields: 0, fileSize: maxBytes + 1, headerPairs: 20, fieldNameSize: 32 },
    });
  } catch {
    throw notOneFile();
  }
  const path = join(dir, `upload-${randomUUID()}`);
  return new Promise<SpooledFile>((resolve, reject) => {
    let settled = false;
    let sawFile = false;
    let written: SpooledFile | undefined;
    let parsed = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      request.unpipe(parser);
      void rm(path, { force: true });
      reject(error instanceof AppError ? error : notOneFile());
    };
    const finishIfDone = () => {
      if (settled || !parsed) return;
      if (!sawFile) return fail(notOneFile());
      if (!written) return;
      settled = true;
      resolve(written);
    };
    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || sawFile) {
        stream.resume();
        return fail(notOneFile());
      }
      sawFile = true;
      const head: Buffer[] = [];
      let headBytes = 0;
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (headBytes < SNIFF_BYTES) {
          head.push(chunk.subarray(0, SNIFF_BYTES - headBytes));
          headBytes += Math.min(chunk.length, SNIFF_BYTES - headBytes);
        }
      });
      stream.on('limit', () => fail(new PayloadTooLargeError(maxBytes)));
      pipeline(stream, createWriteStream(path, { mode: 0o600 })).then(
        () => {
          if (stream.truncated) return fail(new PayloadTooLargeError(maxBytes));
          written = { path, size, head: Buffer.concat(head), filename: info.filename };
          finishIfDone();
        },
        (error: unknown) => fail(error),
      );
    });
    parser.on('field', () => fail(notOneFile()));
    parser.on('fieldsLimit', () => fail(notOneFile()));
    parser.on('filesLimit', () => fail(notOneFile()));
    // busboy refuses a part header that HTTP would refuse: raw control characters in a file name.
    parser.on('error', () =>
      fail(AppError.validation('The file part is malformed (a file name may not hold control characters)')),
    );
    parser.on('close', () => {
      parsed = true;
      finishIfDone();
    });
    request.on('aborted', () => fail(AppError.validation('The upload was cut off')));
    // A body that never frames a file (no boundary, endless preamble) is bounded too.
    let received = 0;
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes + MULTIPART_OVERHEAD_BYTES) fail(new PayloadTooLargeError(maxBytes));
    });
    request.pipe(parser);
  });
}
