import type { PendingUpload } from '../use-uploads';

/** The files waiting to go with the next message, each with its progress bar or its error. */
export function UploadList({
  uploads,
  onRemove,
}: {
  uploads: PendingUpload[];
  onRemove: (key: number) => void;
}) {
  if (uploads.length === 0) return null;
  return (
    <ul class="uploads" data-testid="uploads">
      {uploads.map((upload) => (
        <li key={upload.key} data-testid="upload" data-done={upload.attachment ? 'true' : 'false'}>
          <span class="upload-name">{upload.name}</span>
          {upload.error ? (
            <span class="upload-error" role="alert">
              {upload.error}
            </span>
          ) : (
            <progress
              value={upload.loaded}
              max={upload.total || 1}
              aria-label={`Uploading ${upload.name}`}
              data-testid="upload-progress"
            />
          )}
          <button type="button" aria-label={`Remove ${upload.name}`} onClick={() => onRemove(upload.key)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
