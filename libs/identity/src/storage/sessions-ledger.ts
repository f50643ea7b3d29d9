import { Injectable } from '@nestjs/common';
import { RevokedSessionsLedger } from '@chat/authn';
import { SessionsRepository } from '../sessions/sessions.repository';

/** Answers the revocation question from the sessions themselves, for services that share the store. */
@Injectable()
export class SessionsLedger extends RevokedSessionsLedger {
  constructor(private readonly sessions: SessionsRepository) {
    super();
  }

  async isRevoked(sessionId: string): Promise<boolean> {
    const session = await this.sessions.findById(sessionId);
    return !session || session.revokedAt !== null;
  }
}
