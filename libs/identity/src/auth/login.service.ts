import { Injectable } from '@nestjs/common';
import type { Session } from '@chat/contracts';
import { AppError } from '@chat/platform/errors';
import type { LoginDto } from '../dto/login.dto';
import { PasswordHasher } from '../passwords/password-hasher';
import { UsersRepository } from '../users/users.repository';
import { LoginThrottle } from './login-throttle';
import { SessionsService } from './sessions.service';

/** One answer for an unknown user and a wrong password, so logins cannot probe for accounts. */
const BAD_CREDENTIALS = 'Invalid username or password';

@Injectable()
export class LoginService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionsService,
  ) {}

  async login(dto: LoginDto, address: string): Promise<Session> {
    await this.throttle.charge(dto.username, address);
    const user = await this.users.findByUsername(dto.username);
    const passwordMatches = await this.hasher.verify(user?.passwordHash, dto.password);
    if (!user || !passwordMatches) throw AppError.unauthorized(BAD_CREDENTIALS);
    await this.throttle.succeeded(dto.username, address);
    return this.sessions.open(user);
  }
}
