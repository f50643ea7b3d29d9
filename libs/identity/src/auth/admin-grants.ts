import { Inject, Injectable } from '@nestjs/common';
import { IDENTITY_OPTIONS, type IdentityOptions } from '../identity.options';
import type { UserRecord } from '../users/user.record';
import { foldUsername } from '../users/username-key';
import { UsersRepository } from '../users/users.repository';

/** ADMIN_USERNAMES: operators named in config receive the global admin role at register and login. */
@Injectable()
export class AdminGrants {
  private readonly admins: Set<string>;

  constructor(
    private readonly users: UsersRepository,
    @Inject(IDENTITY_OPTIONS) options: IdentityOptions,
  ) {
    this.admins = new Set(options.adminUsernames.map(foldUsername));
  }

  isConfiguredAdmin(username: string): boolean {
    return this.admins.has(foldUsername(username));
  }

  /** @returns the user, with the admin role added when config names them and they lack it */
  async apply(user: UserRecord): Promise<UserRecord> {
    if (!this.isConfiguredAdmin(user.username) || user.roles.includes('admin')) return user;
    await this.users.addRole(user.id, 'admin');
    return { ...user, roles: [...user.roles, 'admin'] };
  }
}
