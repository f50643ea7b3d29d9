import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureHttpApp, type HttpAppOptions } from './configure-http-app';

/** Creates and configures (but does not start) an HTTP app; tests and mains share it. */
export async function createHttpApp(
  module: DynamicModule,
  options: HttpAppOptions,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, {
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
  });
  configureHttpApp(app, options);
  return app;
}
