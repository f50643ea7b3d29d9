import { ErrorCode, type ErrorEnvelope } from '@chat/contracts';
import { ChatApiError } from './errors';

export type Query = Record<string, string | number | undefined>;

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  query?: Query;
  body?: unknown;
  /** An access token for `Authorization: Bearer`. */
  token?: string;
}

/** `fetch` against one base URL, with the contract's error envelope turned into `ChatApiError`. */
export class HttpClient {
  constructor(
    readonly baseUrl: string,
    private readonly fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init),
  ) {}

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

  private url(path: string, query: Query = {}): string {
    // Relative to the base, so a base URL with a path prefix (behind a proxy) keeps it.
    const base = this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`;
    const url = new URL(path.replace(/^\/+/, ''), base);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url.toString();
  }
}

function errorFrom(status: number, json: unknown): ChatApiError {
  const envelope = json as Partial<ErrorEnvelope> | undefined;
  if (envelope?.error?.code) return new ChatApiError(envelope.error, status);
  return new ChatApiError({ code: ErrorCode.INTERNAL, message: `HTTP ${status}` }, status);
}
