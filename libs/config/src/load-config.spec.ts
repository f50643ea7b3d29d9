import { AuthConfig } from './auth.config';
import { loadConfig } from './load-config';
import { StandaloneConfig } from './standalone.config';

describe('loadConfig', () => {
  it('applies documented defaults', () => {
    const config = loadConfig(AuthConfig, {});
    expect(config.PORT).toBe(3001);
    expect(config.RATE_LIMIT_REGISTER_PER_MINUTE).toBe(20);
    expect(config.RATE_LIMIT_LOGIN_FAILURES).toBe(10);
    expect(config.ACCESS_TOKEN_TTL_SECONDS).toBe(900);
    expect(config.TRUST_PROXY).toBe('false');
    expect(config.ADMIN_USERNAMES).toEqual([]);
    expect(loadConfig(StandaloneConfig, {}).PORT).toBe(8080);
  });

  it('converts typed values from strings', () => {
    const config = loadConfig(AuthConfig, {
      PORT: '4000',
      ADMIN_USERNAMES: 'alice, bob,,',
      REGISTRATION_OPEN: 'false',
    });
    expect(config.PORT).toBe(4000);
    expect(config.ADMIN_USERNAMES).toEqual(['alice', 'bob']);
    expect(config.REGISTRATION_OPEN).toBe(false);
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
});
