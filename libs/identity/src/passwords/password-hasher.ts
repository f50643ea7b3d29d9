import { Inject, Injectable } from '@nestjs/common';
import { argon2id, hash, verify } from 'argon2';
import { IDENTITY_OPTIONS, type IdentityOptions } from '../identity.options';

/** argon2id at OWASP's parameters or stronger (m ≥ 19 MiB, t ≥ 2, p = 1); the config refuses less. */
@Injectable()
export class PasswordHasher {
  /** Verified against when the user does not exist, so both failures cost the same time. */
  private readonly decoy: Promise<string>;

  constructor(@Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions) {
    this.decoy = this.hash('decoy-password-never-matches');
  }

  hash(password: string): Promise<string> {
    return hash(password, {
      type: argon2id,
      memoryCost: this.options.argon2.memoryKib,
      timeCost: this.options.argon2.timeCost,
      parallelism: 1,
    });
  }

  async verify(storedHash: string | undefined, password: string): Promise<boolean> {
    try {
      return await verify(storedHash ?? (await this.decoy), password);
    } catch {
      return false;
    }
  }
}
