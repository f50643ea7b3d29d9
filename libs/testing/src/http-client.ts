/** A small fetch wrapper for black-box HTTP tests: status, headers and parsed JSON body. */
export interface HttpResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export class HttpClient {
  constructor(
    readonly baseUrl: string,
    private readonly defaultHeaders: Record<string, string> = {},
  ) {}

  withToken(token: string): HttpClient {
    return new HttpClient(this.baseUrl, { ...this.defaultHeaders, authorization: `Bearer ${token}` });
  }

  withHeaders(headers: Record<string, string>): HttpClient {
    return new HttpClient(this.baseUrl, { ...this.defaultHeaders, ...headers });
  }

  get<T = any>(path: string): Promise<HttpResult<T>> {
    return this.send<T>('GET', path);
  }

  post<T = any>(path: string, body?: unknown): Promise<HttpResult<T>> {
    return this.send<T>('POST', path, body);
  }

  patch<T = any>(path: string, body?: unknown): Promise<HttpResult<T>> {
    return this.send<T>('PATCH', path, body);
  }

  delete<T = any>(path: string): Promise<HttpResult<T>> {
    return this.send<T>('DELETE', path);
  }

  async send<T>(method: string, path: string, body?: unknown, rawBody?: string): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...this.defaultHeaders };
    const payload = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  }
}
