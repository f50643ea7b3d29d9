import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { MetricsRegistry } from '@chat/platform/runtime';

/** Upload volume and latency, on the app's registry. */
@Injectable()
export class AttachmentMetrics {
  readonly uploads: Counter<'outcome'>;
  readonly uploadedBytes: Counter;
  readonly uploadDuration: Histogram;

  constructor(registry: MetricsRegistry) {
    this.uploads = new Counter({
      name: 'chat_attachment_uploads_total',
      help: 'Attachment uploads, by outcome (ok or the error code)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    this.uploadedBytes = new Counter({
      name: 'chat_attachment_uploaded_bytes_total',
      help: 'Bytes of attachments stored',
      registers: [registry],
    });
    this.uploadDuration = new Histogram({
      name: 'chat_attachment_upload_duration_seconds',
      help: 'From the upload request to its answer, stored and previewed',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
  }
}
