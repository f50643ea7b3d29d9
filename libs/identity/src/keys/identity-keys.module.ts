import { DynamicModule, Global, Module } from '@nestjs/common';
import { PublicKeySource } from '@chat/authn';
import type { KeySettings } from '../identity.options';
import { KeyRing } from './key-ring';
import { loadKeyRing } from './key-ring.loader';

/** Global so that the authn module's verifier, in `local` mode, finds the ring as its key source. */
@Global()
@Module({})
export class IdentityKeysModule {
  static forRoot(settings: KeySettings, accessTokenTtlSeconds: number): DynamicModule {
    return {
      module: IdentityKeysModule,
      providers: [
        { provide: KeyRing, useFactory: () => loadKeyRing(settings, accessTokenTtlSeconds) },
        { provide: PublicKeySource, useExisting: KeyRing },
      ],
      exports: [KeyRing, PublicKeySource],
    };
  }
}
