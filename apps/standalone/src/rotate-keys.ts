import { loadConfig, StandaloneConfig } from '@chat/config';
import { generateKeyFile } from '@chat/identity';

/**
 * `npm run keys:rotate`: adds a new signing key to DATA_DIR. After a restart it signs, and the old key
 * stays in the JWKS until the tokens it signed have expired.
 */
const config = loadConfig(StandaloneConfig);
console.log(`new signing key: ${generateKeyFile(config.DATA_DIR)}`);
