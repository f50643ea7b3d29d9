import { IsString } from 'class-validator';
import { CommonEnv } from './common.env';

/** The web client's own host: static files, health and metrics; no store, no Redis, no secrets. */
export class WebHostConfig extends CommonEnv {
  override PORT = 8080;

  /** The built client (`npm run build:web`). @default dist/web beside the app's build output */
  @IsString() WEB_ROOT = '';

  /**
   * Space-separated origins the client may load images from besides its own: the S3 store's public
   * endpoint (`S3_PUBLIC_ENDPOINT`), where attachment previews are presigned. @default none
   */
  @IsString() WEB_IMAGE_ORIGINS = '';
}
