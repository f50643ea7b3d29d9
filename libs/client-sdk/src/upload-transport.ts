import type { UploadProgress } from './upload-form';

/** What an upload answered, before the body is parsed: status and text. */
export interface UploadAnswer {
  status: number;
  text: string;
}

export interface UploadRequest {
  url: string;
  form: FormData;
  token: string;
  /** The body's size, for the 0 % and 100 % reports when the transport cannot count. */
  size: number;
  onProgress?: (progress: UploadProgress) => void;
}

/** The part of the browser's XMLHttpRequest used here: the SDK also compiles without the DOM types. */
interface Xhr {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body: FormData): void;
  readonly status: number;
  readonly responseText: string;
  readonly upload: {
    onprogress: ((event: { loaded: number; total: number; lengthComputable: boolean }) => void) | null;
  };
  onload: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
}

const browserXhr = (globalThis as { XMLHttpRequest?: new () => Xhr }).XMLHttpRequest;

/**
 * Posts a multipart form. Browsers go through XMLHttpRequest, the only API that reports upload
 * progress; elsewhere (Node, or a caller-supplied fetch) `fetch` does, with progress at 0 and 100 %.
 */
export function postForm(request: UploadRequest, fetchImpl?: typeof fetch): Promise<UploadAnswer> {
  if (browserXhr && !fetchImpl) return postWithXhr(request, browserXhr);
  return postWithFetch(request, fetchImpl ?? ((input, init) => globalThis.fetch(input, init)));
}

async function postWithFetch(request: UploadRequest, fetchImpl: typeof fetch): Promise<UploadAnswer> {
  request.onProgress?.({ loaded: 0, total: request.size });
  const response = await fetchImpl(request.url, {
    method: 'POST',
    headers: { accept: 'application/json', authorization: `Bearer ${request.token}` },
    body: request.form,
  });
  const text = await response.text();
  if (response.ok) request.onProgress?.({ loaded: request.size, total: request.size });
  return { status: response.status, text };
}

function postWithXhr(request: UploadRequest, Xhr: new () => Xhr): Promise<UploadAnswer> {
  return new Promise((resolve, reject) => {
    const xhr = new Xhr();
    xhr.open('POST', request.url);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('authorization', `Bearer ${request.token}`);
    const onProgress = request.onProgress;
    if (onProgress) {
      onProgress({ loaded: 0, total: request.size });
      xhr.upload.onprogress = (event) =>
        onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : request.size });
    }
    xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText });
    xhr.onerror = () => reject(new TypeError('Upload failed: network error'));
    xhr.onabort = () => reject(new TypeError('Upload aborted'));
    xhr.send(request.form);
  });
}
