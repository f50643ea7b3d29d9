import { Inject, Injectable } from '@nestjs/common';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Session } from '@chat/contracts';
import { RateLimiters, toRateLimitError } from '@chat/platform/engine';
import { AppError } from '@chat/platform/errors';
import type { RegisterDto } from '../dto/register.dto';
import { IDENTITY_OPTIONS, type IdentityOptions } from '../identity.options';
import { PasswordHasher } from '../passwords/password-hasher';
import { UsersRepository } from '../users/users.repository';

import { SessionsService } from './sessions.service';

@Injectable()
export class RegistrationService {
  private readonly perAddress: RateLimiterAbstract;

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    limiters: RateLimiters,
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
  ) {
    this.perAddress = limiters.create({
      keyPrefix: 'register:addr',
      points: options.rateLimits.registerPerMinute,
      durationSeconds: 60,
    });
  }

  async register(dto: RegisterDto, address: string): Promise<Session> {
    if (!this.options.registrationOpen) throw AppError.forbidden('Registration is closed');
    await this.perAddress.consume(address).catch((rejection: unknown) => {
      throw toRateLimitError(rejection);
    });
    // Cheap early answer; the insert on the derived _id still settles a race between two registrations.
    if (await this.users.exists(dto.username)) throw AppError.conflict('Username is taken');
    const user = await this.users.create({
      username: dto.username,
      displayName: dto.displayName ?? dto.username,
      passwordHash: await this.hasher.hash(dto.password),
      // Registration grants nothing more: the first admin is created at boot (FirstAdminBootstrap), and
      // every other by an admin's grant.
      roles: ['user'],
    });
    return this.sessions.open(user);
  }
}
