/** What `uploadAttachment` takes: a browser `Blob`/`File`, or a named buffer from Node. */
export type UploadFile = Blob | { name: string; data: Uint8Array | Blob; contentType?: string };

/** How far an upload has got, in bytes of the request body. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface UploadOptions {
  /**
   * Told of the upload's progress: continuously in browsers (`XMLHttpRequest.upload.onprogress`),
   * else once at 0 and once at the end.
   * @default none
   */
  onProgress?: (progress: UploadProgress) => void;
}

/** The multipart body the server takes: exactly one part named `file`. */
export function uploadForm(file: UploadFile): FormData {
  const form = new FormData();
  if (file instanceof Blob) {
    // A `File` carries its own name; a bare Blob gets a neutral one (the server cleans names anyway).
    const name = 'name' in file && typeof file.name === 'string' && file.name ? file.name : 'file';
    form.append('file', file, name);
    return form;
  }
  const blob =
    file.data instanceof Blob
      ? file.data
      : // A copy into a plain ArrayBuffer: a view on a SharedArrayBuffer is not a BlobPart.
        new Blob([new Uint8Array(file.data)], file.contentType ? { type: file.contentType } : {});
  form.append('file', blob, file.name);
  return form;
}

/** The byte size of what is being uploaded, for progress reported without a browser's events. */
export function uploadSize(file: UploadFile): number {
  if (file instanceof Blob) return file.size;
  return file.data instanceof Blob ? file.data.size : file.data.byteLength;
}
