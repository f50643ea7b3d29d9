import { describeChangeRecovery } from '../support/change-recovery-contract';
import { startStandaloneTopology } from '../support/topologies';

jest.setTimeout(60_000);

describe('Recovery of changes by rev on the standalone server', () => {
  describeChangeRecovery(() => startStandaloneTopology());
});
