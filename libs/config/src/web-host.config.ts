import { IsString } from 'class-validator';
import { CommonEnv } from './common.env';

/** The web client's own host: static files, health and metrics; no store, no Redis, no secrets. */
export class WebHostConfig extends CommonEnv {
  override PORT = 8080;

  /** The built client (`npm run build:web`). @default dist/web beside the app's build output */
  @IsString() WEB_ROOT = '';
}
