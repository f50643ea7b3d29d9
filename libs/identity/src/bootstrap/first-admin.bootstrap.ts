import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ErrorCode } from '@chat/contracts';
import { AppError } from '@chat/platform/errors';
import { IDENTITY_OPTIONS, type IdentityOptions } from '../identity.options';
import { PasswordHasher } from '../passwords/password-hasher';
import type { UserRecord } from '../users/user.record';
import { UsersRepository } from '../users/users.repository';

/**
 * Creates the first admin from ADMIN_USERNAME and ADMIN_PASSWORD at boot, before the server listens.
 * Nothing a client sends can make an admin: registration and login never grant roles, and a name that
 * someone registered first is never promoted. Replicas booting together race on the username's unique
 * key: one creates the account, the others find it.
 */
@Injectable()
export class FirstAdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(FirstAdminBootstrap.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.legacyAdminUsernamesSet) {
      this.logger.warn(
        'ADMIN_USERNAMES is set and ignored: it made whoever registered a listed name first a global admin. ' +
          'Set ADMIN_USERNAME and ADMIN_PASSWORD to create the first admin at boot (docs/operations.md, Operators).',
      );
    }
    const admin = this.options.firstAdmin;
    if (!admin) return;
    const account = (await this.users.findByUsername(admin.username)) ?? (await this.create(admin));
    if (!account.roles.includes('admin')) {
      this.logger.error(
        `ADMIN_USERNAME "${admin.username}" belongs to an account without the admin role (someone registered ` +
          'that name first), so it was NOT made an admin and ADMIN_PASSWORD was not applied. Choose another ' +
          'ADMIN_USERNAME, or, if the account is yours, have an existing admin grant the role ' +
          `(npm run cli -- grant-admin ${admin.username}).`,
      );
    }
  }

  /** @returns the new admin, or the account another replica created a moment earlier */
  private async create(admin: { username: string; password: string }): Promise<UserRecord> {
    try {
      const created = await this.users.create({
        username: admin.username,
        displayName: admin.username,
        passwordHash: await this.hasher.hash(admin.password),
        roles: ['user', 'admin'],
      });
      this.logger.log(`created the first admin, "${admin.username}", from ADMIN_USERNAME and ADMIN_PASSWORD`);
      return created;
    } catch (error) {
      const raced = error instanceof AppError && error.code === ErrorCode.CONFLICT;
      const winner = raced ? await this.users.findByUsername(admin.username) : null;
      if (!winner) throw error;
      return winner;
    }
  }
}
