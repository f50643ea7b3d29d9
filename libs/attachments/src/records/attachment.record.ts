/** A stored file and who may reference it. The bytes live in the BlobStore under `blobKey`. */
export interface AttachmentRecord {
  id: string;
  roomId: string;
  uploaderId: string;
  name: string;
  contentType: string;
  size: number;
  width: number | null;
  height: number | null;
  hasThumbnail: boolean;
  /** The message holding it; null until a send claims it. */
  messageId: string | null;
  /** Its message was deleted: no longer served, and the bytes are removed by the next sweep. */
  deleted: boolean;
  createdAt: Date;
}

/** Who claims an attachment: one message, sent by the uploader, in the attachment's room. */
export interface AttachmentClaim {
  roomId: string;
  uploaderId: string;
  messageId: string;
}
