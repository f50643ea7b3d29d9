import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import mongoose from 'mongoose';

export interface MongoOptions {
  uri: string;
}

/**
 * Filters built from request input can never smuggle operators: `sanitizeFilter` wraps any `$` key in `$eq`,
 * so the code's own operators are marked with `mongoose.trusted()`. `strictQuery` drops unknown filter paths.
 */
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', true);

@Module({})
export class MongoModule {
  static forRoot(options: MongoOptions): DynamicModule {
    return {
      module: MongoModule,
      imports: [
        MongooseModule.forRoot(options.uri, {
          serverSelectionTimeoutMS: 10_000,
          retryWrites: true,
          autoIndex: true,
        }),
      ],
      exports: [MongooseModule],
    };
  }
}
