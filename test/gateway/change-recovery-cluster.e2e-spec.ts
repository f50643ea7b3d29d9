import { describeChangeRecovery } from '../support/change-recovery-contract';
import { startClusterTopology } from '../support/topologies';

jest.setTimeout(60_000);

describe('Recovery of changes by rev on three gateway processes sharing one Redis', () => {
  describeChangeRecovery(() => startClusterTopology('change_recovery'));
});
