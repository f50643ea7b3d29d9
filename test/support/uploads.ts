import { request as httpRequest, type IncomingMessage } from 'node:http';
import { deflateSync, crc32 } from 'node:zlib';
import type { Attachment } from '@chat/contracts';
import type { HttpResult } from '@chat/testing';

/** A multipart upload as a browser's FormData sends it: one part named `file`. */
export async function upload(
  baseUrl: string,
  token: string,
  roomId: string,
  bytes: Uint8Array,
  name: string,
  claimedType = 'application/octet-stream',
): Promise<HttpResult<Attachment>> {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: claimedType }), name);
  const response = await fetch(`${baseUrl}/api/rooms/${roomId}/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as Attachment };
}

/**
 * Starts an upload of `declaredBytes` (or chunked, without a length), sends only its first `sentBytes`
 * and never ends the body: the answer that comes back can only have been given before the body was read.
 */
export function partialUpload(
  baseUrl: string,
  token: string,
  roomId: string,
  options: { sentBytes: number; declaredBytes?: number },
): Promise<{ status: number; body: { error?: { code: string } }; connection?: string }> {
  const boundary = 'x-partial-upload-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const url = new URL(`/api/rooms/${roomId}/attachments`, baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        ...(options.declaredBytes ? { 'content-length': String(options.declaredBytes) } : {}),
      },
    });
    req.on('error', reject);
    req.on('response', (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        req.destroy();
        resolve({
          status: response.statusCode ?? 0,
          body: JSON.parse(Buffer.concat(chunks).toString()) as { error?: { code: string } },
          connection: response.headers.connection,
        });
      });
    });
    req.write(head);
    const chunk = Buffer.alloc(64 * 1024, 7);
    let sent = 0;
    const pump = () => {
      while (sent < options.sentBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
    };
    pump();
  });
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid PNG header that claims `width` × `height` grey pixels, in a few hundred bytes: a decompression bomb. */
export function pngClaiming(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(0, 9); // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.alloc(width + 1))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}
