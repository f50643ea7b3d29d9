import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { StoreProbe } from '../store/store-probe';
import { SqliteDatabase } from './sqlite-database';
import type { SqliteOptions } from './sqlite.options';

@Injectable()
class SqliteStoreProbe extends StoreProbe {
  constructor(private readonly database: SqliteDatabase) {
    super();
  }

  ping(): Promise<void> {
    return this.database.read(() => void this.database.db.prepare('SELECT 1').get());
  }
}

/** The embedded database of the single process; closed last, after every request has written. */
@Global()
@Module({})
export class SqliteModule implements OnApplicationShutdown {
  constructor(@Inject(SqliteDatabase) private readonly database: SqliteDatabase) {}

  static forRoot(options: SqliteOptions): DynamicModule {
    return {
      module: SqliteModule,
      providers: [
        { provide: SqliteDatabase, useFactory: () => new SqliteDatabase(options) },
        { provide: StoreProbe, useClass: SqliteStoreProbe },
      ],
      exports: [SqliteDatabase, StoreProbe],
    };
  }

  onApplicationShutdown(): void {
    this.database.close();
  }
}
