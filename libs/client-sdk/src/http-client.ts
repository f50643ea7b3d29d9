import { ErrorCode, type ErrorEnvelope } from '@chat/contracts';
import { ChatApiError } from './errors';
import type { UploadProgress } from './upload-form';
import { postForm } from './upload-transport';

export type Query = Record<string, string | number | undefined>;

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Query;
  body?: unknown;
  /** An access token for `Authorization: Bearer`. */
  token?: string;
}

/** Bytes fetched from a download, with the headers a caller saves or shows them by. */
export interface DownloadedFile {
  data: ArrayBuffer;
  contentType: string;
  /** `Content-Disposition`, when the server sends one (it does for anything but simple images). */
  contentDisposition?: string;
}

/** `fetch` against one base URL, with the contract's error envelope turned into `ChatApiError`. */
export class HttpClient {
  private readonly fetchImpl: typeof fetch;

  constructor(
    readonly baseUrl: string,
    // Kept apart from the default: a caller's own fetch is used for uploads too, instead of XHR.
    private readonly customFetch?: typeof fetch,
  ) {
    this.fetchImpl = customFetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  async request<T>(request: HttpRequest): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (request.token) headers.authorization = `Bearer ${request.token}`;
    const response = await this.fetchImpl(this.url(request.path, request.query), {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    const json: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) throw errorFrom(response.status, json);
    return json as T;
  }

  /** A multipart POST; its answer is parsed like `request`'s. */
  async upload<T>(
    request: { path: string; form: FormData; size: number; token: string },
    onProgress?: (progress: UploadProgress) => void,
  ): Promise<T> {
    const answer = await postForm({ ...request, url: this.url(request.path), onProgress }, this.customFetch);
    // A proxy's own refusal (nginx's 413 page) may not be JSON: the status still names the error.
    const json = parseOrUndefined(answer.text);
    if (answer.status < 200 || answer.status >= 300) throw errorFrom(answer.status, json);
    return json as T;
  }

  /**
   * A GET for bytes. A redirect (to a presigned S3 URL) is followed; fetch drops the Authorization
   * header when it leaves the origin, as the signed URL needs.
   */
  async download(request: { path: string; query?: Query; token?: string }): Promise<DownloadedFile> {
    const headers: Record<string, string> = {};
    if (request.token) headers.authorization = `Bearer ${request.token}`;
    const response = await this.fetchImpl(this.url(request.path, request.query), { headers });
    if (!response.ok) {
      const text = await response.text();
      throw errorFrom(response.status, parseOrUndefined(text));
    }
    return {
      data: await response.arrayBuffer(),
      contentType: response.headers.get('content-type') ?? 'application/octet-stream',
      contentDisposition: response.headers.get('content-disposition') ?? undefined,
    };
  }

  /** An absolute URL for a path the server answered (a signed link), or the URL itself if absolute. */
  resolve(pathOrUrl: string): string {
    return this.url(pathOrUrl);
  }

  private url(path: string, query: Query = {}): string {
    if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return appendQuery(new URL(path), query);
    // Relative to the base, so a base URL with a path prefix (behind a proxy) keeps it.
    const base = this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`;
    return appendQuery(new URL(path.replace(/^\/+/, ''), base), query);
  }
}

function appendQuery(url: URL, query: Query): string {
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

function parseOrUndefined(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

function errorFrom(status: number, json: unknown): ChatApiError {
  const envelope = json as Partial<ErrorEnvelope> | undefined;
  if (envelope?.error?.code) return new ChatApiError(envelope.error, status);
  return new ChatApiError({ code: ErrorCode.INTERNAL, message: `HTTP ${status}` }, status);
}
