import { Injectable } from '@nestjs/common';
import type { User, UserList } from '@chat/contracts';
import { AppError } from '@chat/platform';
import type { SearchUsersQuery } from '../dto/search-users.query';
import { toUser } from '../users/user.mapper';
import { UsersRepository } from '../users/users.repository';

@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository) {}

  async get(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw AppError.notFound('User');
    return toUser(user);
  }

  async search(query: SearchUsersQuery): Promise<UserList> {
    const found = await this.users.searchByPrefix(query.q, query.limit);
    return { items: found.map(toUser) };
  }
}
