import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';

export interface LoggingOptions {
  level: string;
  service: string;
}

/** JSON logs through pino; credentials never reach the log. */
@Module({})
export class LoggingModule {
  static forRoot(options: LoggingOptions): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: options.level,
            base: { service: options.service },
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.body.password'],
            autoLogging: { ignore: (req) => /^\/(healthz|readyz|metrics)/.test(req.url ?? '') },
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
