import { Logger } from '@nestjs/common';
import type { Session } from '@chat/contracts';
import { flushTestRedis } from '@chat/testing';
import { startAuthApp, type RunningApp } from '../support/auth-app.harness';
import { decodeJwt } from '../support/jwt-forgery';
import { loginUser, PASSWORD, registerUser, uniqueName } from '../support/users';

const DB = 'auth_admin_bootstrap';
/** The operator's secret, distinct from the password test users register with. */
const OPERATOR_PASSWORD = 'operator passphrase from a secret';

const rolesIn = (session: Session) => decodeJwt(session.accessToken).payload.roles;

/** The first admin comes from the server's own configuration at boot, never from a client's request. */
describe('auth: the first admin, created at boot from ADMIN_USERNAME and ADMIN_PASSWORD', () => {
  const running: RunningApp[] = [];
  const boot = async (env: Record<string, string> = {}) => {
    const app = await startAuthApp(DB, env);
    running.push(app);
    return app;
  };

  beforeAll(() => flushTestRedis());
  afterEach(async () => {
    jest.restoreAllMocks();
    await Promise.all(running.splice(0).map((app) => app.close()));
  });

  it('creates the admin, whose tokens carry the admin role; registering that name afterwards answers 409', async () => {
    const name = uniqueName('root');
    const auth = await boot({ ADMIN_USERNAME: name, ADMIN_PASSWORD: OPERATOR_PASSWORD });

    const admin = await loginUser(auth.http, name, OPERATOR_PASSWORD);
    expect(rolesIn(admin)).toEqual(['user', 'admin']);
    for (const claimed of [name, name.toUpperCase()]) {
      const register = await auth.http.post('/api/auth/register', { username: claimed, password: PASSWORD });
      expect(register.status).toBe(409);
    }
    // The admin can do what only admins may.
    const someone = await registerUser(auth.http);
    const grant = await auth.http
      .withToken(admin.accessToken)
      .post(`/api/users/${someone.user.id}/roles/admin`, {});
    expect(grant.status).toBeLessThan(300);
  });

  it('never promotes an account a stranger registered under that name before boot, and logs the remedy', async () => {
    const name = uniqueName('root');
    const before = await boot();
    const stranger = await registerUser(before.http, name);
    expect(rolesIn(stranger)).toEqual(['user']);
    await before.close();

    const errors = jest.spyOn(Logger.prototype, 'error');
    const auth = await boot({ ADMIN_USERNAME: name, ADMIN_PASSWORD: OPERATOR_PASSWORD });

    expect(rolesIn(await loginUser(auth.http, name))).toEqual(['user']);
    const withOperatorPassword = await auth.http.post('/api/auth/login', {
      username: name,
      password: OPERATOR_PASSWORD,
    });
    expect(withOperatorPassword.status).toBe(401);
    const logged = errors.mock.calls.map(([message]) => String(message)).join('\n');
    expect(logged).toContain(`ADMIN_USERNAME "${name}"`);
    expect(logged).toMatch(/NOT made an admin/);
    expect(logged).toMatch(/another ADMIN_USERNAME/);
    expect(logged).toMatch(/grant-admin/);
  });

  it('lets replicas boot at once: one creates the admin, the other finds it', async () => {
    const name = uniqueName('root');
    const errors = jest.spyOn(Logger.prototype, 'error');
    const env = { ADMIN_USERNAME: name, ADMIN_PASSWORD: OPERATOR_PASSWORD };
    const replicas = await Promise.all([boot(env), boot(env)]);

    for (const replica of replicas)
      expect(rolesIn(await loginUser(replica.http, name, OPERATOR_PASSWORD))).toEqual(['user', 'admin']);
    expect(errors).not.toHaveBeenCalled();
  });

  it('ignores ADMIN_USERNAMES, and warns at boot that it does', async () => {
    const name = uniqueName('legacy');
    const warnings = jest.spyOn(Logger.prototype, 'warn');
    const auth = await boot({ ADMIN_USERNAMES: name });

    expect(rolesIn(await registerUser(auth.http, name))).toEqual(['user']);
    expect(warnings.mock.calls.map(([message]) => String(message)).join('\n')).toMatch(
      /ADMIN_USERNAMES is set and ignored/,
    );
  });
});
