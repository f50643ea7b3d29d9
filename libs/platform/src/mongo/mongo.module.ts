import { DynamicModule, Global, Injectable, Module } from '@nestjs/common';
import { InjectConnection, MongooseModule } from '@nestjs/mongoose';
import mongoose, { type Connection } from 'mongoose';
import { StoreProbe } from '../store/store-probe';
import { withDeadline } from '../store/with-deadline';

export interface MongoOptions {
  uri: string;
}

/**
 * Filters built from request input can never smuggle operators: `sanitizeFilter` wraps any `$` key in `$eq`,
 * so the code's own operators are marked with `mongoose.trusted()`. `strictQuery` drops unknown filter paths.
 */
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', true);

@Injectable()
class MongoStoreProbe extends StoreProbe {
  constructor(@InjectConnection() private readonly connection: Connection) {
    super();
  }

  async ping(timeoutMs: number): Promise<void> {
    const db = this.connection.db;
    if (!db) throw new Error('MongoDB is not connected');
    await withDeadline(db.admin().ping(), timeoutMs, 'MongoDB');
  }
}

@Global()
@Module({})
export class MongoModule {
  static forRoot(options: MongoOptions): DynamicModule {
    return {
      module: MongoModule,
      imports: [
        MongooseModule.forRoot(options.uri, {
          serverSelectionTimeoutMS: 10_000,
          // Every operation has a deadline: a frozen server must not hold a request forever. No query of
          // ours is meant to run for seconds, so ten is a fault, not a slow answer.
          socketTimeoutMS: 10_000,
          retryWrites: true,
          autoIndex: true,
        }),
      ],
      providers: [{ provide: StoreProbe, useClass: MongoStoreProbe }],
      exports: [MongooseModule, StoreProbe],
    };
  }
}
