import { WithSharedServers } from './cluster-services.env';
import { IdentityEnv } from './identity.env';

/** Configuration of the auth service (apps/auth). */
export class AuthConfig extends WithSharedServers(IdentityEnv) {
  override PORT = 3001;
}
