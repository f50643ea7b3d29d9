import { Controller, Get, Module, type DynamicModule } from '@nestjs/common';
import { AuthnModule, CurrentUser, type AuthUser } from '@chat/authn';
import { AuthConfig, loadConfig } from '@chat/config';
import { EngineModule } from '@chat/platform/engine';
import { createHttpApp } from '@chat/platform/http';
import { LoggingModule } from '@chat/platform/runtime';
import { HttpClient, testServers } from '@chat/testing';

@Controller('whoami')
class WhoAmIController {
  @Get()
  whoami(@CurrentUser() user: AuthUser): AuthUser {
    return user;
  }
}

@Module({})
class VerifyingServiceModule {
  static forRoot(jwksUrl: string): DynamicModule {
    const config = loadConfig(AuthConfig, {});
    return {
      module: VerifyingServiceModule,
      imports: [
        LoggingModule.forRoot({ level: 'silent', service: 'verifier-under-test' }),
        EngineModule.forRoot({ kind: 'redis', url: testServers().redisUrl }),
        AuthnModule.forRoot({
          issuer: config.JWT_ISSUER,
          audience: config.JWT_AUDIENCE,
          accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
          keys: { jwksUrl },
        }),
      ],
      controllers: [WhoAmIController],
    };
  }
}

/**
 * A service that holds no key and verifies through auth's JWKS, as rooms and the gateway do:
 * the authn library exactly as they compose it, with one guarded route.
 */
export async function startVerifyingService(authUrl: string) {
  const app = await createHttpApp(VerifyingServiceModule.forRoot(`${authUrl}/api/auth/jwks`), {
    trustProxy: 'false',
  });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { http: new HttpClient(url), close: () => app.close() };
}
