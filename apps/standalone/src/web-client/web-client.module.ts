import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DynamicModule, Inject, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { webClientHandler } from '@chat/platform/web-client';

/** `dist/web`, next to `dist/apps/standalone/src/web-client` in the build output. */
export const WEB_CLIENT_ROOT = resolve(__dirname, '../../../../web');

/**
 * Serves the built web client at `/`. It is mounted at module init, after Nest has registered its
 * routes (so the API always wins) and before its not-found handler. Without a web build it does
 * nothing: the API works alone.
 */
const IMAGE_ORIGINS = Symbol('WEB_CLIENT_IMAGE_ORIGINS');

@Module({})
export class WebClientModule implements OnModuleInit {
  private readonly logger = new Logger(WebClientModule.name);

  /** @param imageOrigins where previews come from besides this origin (an S3 store's public endpoint) */
  static forRoot(imageOrigins: readonly string[]): DynamicModule {
    return { module: WebClientModule, providers: [{ provide: IMAGE_ORIGINS, useValue: imageOrigins }] };
  }

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(IMAGE_ORIGINS) private readonly imageOrigins: readonly string[],
  ) {}

  onModuleInit(): void {
    if (!existsSync(resolve(WEB_CLIENT_ROOT, 'index.html'))) return;
    const instance = this.adapterHost.httpAdapter.getInstance<{ use: (handler: unknown) => void }>();
    instance.use(webClientHandler(WEB_CLIENT_ROOT, this.imageOrigins));
    this.logger.log(`serving the web client from ${WEB_CLIENT_ROOT}`);
  }
}
