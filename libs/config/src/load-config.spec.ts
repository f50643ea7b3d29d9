import { AuthConfig } from './auth.config';
import { loadConfig } from './load-config';
import { GatewayConfig } from './gateway.config';
import { RoomsConfig } from './rooms.config';
import { StandaloneConfig } from './standalone.config';

describe('loadConfig', () => {
  it('applies documented defaults', () => {
    const config = loadConfig(AuthConfig, {});
    expect(config.PORT).toBe(3001);
    expect(config.RATE_LIMIT_REGISTER_PER_MINUTE).toBe(20);
    expect(config.RATE_LIMIT_LOGIN_FAILURES).toBe(10);
    expect(config.ACCESS_TOKEN_TTL_SECONDS).toBe(900);
    expect(config.TRUST_PROXY).toBe('false');
    expect(config.ADMIN_USERNAME).toBeUndefined();
    expect(loadConfig(StandaloneConfig, {}).PORT).toBe(8080);
  });

  it('converts typed values from strings', () => {
    const config = loadConfig(AuthConfig, {
      PORT: '4000',
      REGISTRATION_OPEN: 'false',
    });
    expect(config.PORT).toBe(4000);
    expect(config.REGISTRATION_OPEN).toBe(false);
  });

  it('takes the first admin as a name and a password together, under the registration rules', () => {
    const config = loadConfig(AuthConfig, { ADMIN_USERNAME: 'root.op', ADMIN_PASSWORD: 'a long passphrase' });
    expect([config.ADMIN_USERNAME, config.ADMIN_PASSWORD]).toEqual(['root.op', 'a long passphrase']);
    expect(() => loadConfig(AuthConfig, { ADMIN_USERNAME: 'root' })).toThrow(/ADMIN_PASSWORD is required/);
    expect(() => loadConfig(AuthConfig, { ADMIN_PASSWORD: 'a long passphrase' })).toThrow(
      /ADMIN_USERNAME is required/,
    );
    expect(() => loadConfig(AuthConfig, { ADMIN_USERNAME: 'root', ADMIN_PASSWORD: 'short' })).toThrow(
      /ADMIN_PASSWORD/,
    );
    expect(() =>
      loadConfig(AuthConfig, { ADMIN_USERNAME: 'has space', ADMIN_PASSWORD: 'a long passphrase' }),
    ).toThrow(/ADMIN_USERNAME/);
    // Empty values (compose passes `${ADMIN_USERNAME:-}`) mean unset.
    expect(loadConfig(AuthConfig, { ADMIN_USERNAME: '', ADMIN_PASSWORD: '' }).ADMIN_USERNAME).toBeUndefined();
  });

  it('fails fast and names every bad key', () => {
    expect(() =>
      loadConfig(AuthConfig, { PORT: 'eighty', ACCESS_TOKEN_TTL_SECONDS: '3600', ARGON2_MEMORY_KIB: '1024' }),
    ).toThrow(/PORT[\s\S]*ACCESS_TOKEN_TTL_SECONDS[\s\S]*ARGON2_MEMORY_KIB/);
  });

  it('requires a provided signing key in production', () => {
    expect(() => loadConfig(AuthConfig, { NODE_ENV: 'production' })).toThrow(/AUTH_SIGNING_KEY/);
    expect(() => loadConfig(AuthConfig, { NODE_ENV: 'production', AUTH_SIGNING_KEY: 'pem' })).not.toThrow();
  });

  it('declares the shared servers once, with defaults and validation, for every multi-process service', () => {
    const services: (new () => { MONGO_URL: string; REDIS_URL: string })[] = [
      AuthConfig,
      RoomsConfig,
      GatewayConfig,
    ];
    for (const service of services) {
      const config = loadConfig(service, {});
      expect(config.MONGO_URL).toBe('mongodb://127.0.0.1:27017/chat');
      expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
      expect(() => loadConfig(service, { REDIS_CLUSTER_NODES: 'no-port-here' })).toThrow(
        /REDIS_CLUSTER_NODES/,
      );
    }
    expect(loadConfig(RoomsConfig, {}).AUTH_JWKS_URL).toBe('http://127.0.0.1:3001/api/auth/jwks');
    expect(loadConfig(GatewayConfig, { AUTH_JWKS_URL: 'http://auth:3001/jwks' }).AUTH_JWKS_URL).toBe(
      'http://auth:3001/jwks',
    );
  });
});
