import { HttpClient } from './http-client';

describe('HttpClient.resolve (links the server answers)', () => {
  it('resolves a same-origin path against the base URL, keeping its query', () => {
    const http = new HttpClient('http://chat.example:8080');
    expect(http.resolve('/api/attachments/a1/content?variant=thumbnail&expires=9&signature=s')).toBe(
      'http://chat.example:8080/api/attachments/a1/content?variant=thumbnail&expires=9&signature=s',
    );
  });

  it('keeps a base path prefix (behind a proxy)', () => {
    const http = new HttpClient('https://example.org/chat/');
    expect(http.resolve('/api/attachments/a1/content?signature=s')).toBe(
      'https://example.org/chat/api/attachments/a1/content?signature=s',
    );
  });

  it('leaves an absolute URL (a presigned S3 URL) as it is', () => {
    const http = new HttpClient('http://chat.example:8080');
    const presigned = 'https://bucket.s3.example/key?X-Amz-Signature=abc&X-Amz-Expires=120';
    expect(http.resolve(presigned)).toBe(presigned);
  });
});
