import { describeSocketContract } from '../support/socket-contract';
import { startClusterTopology } from '../support/topologies';

jest.setTimeout(30_000);

describe('Socket.IO contract on three gateway processes sharing one Redis', () => {
  describeSocketContract(() => startClusterTopology('gateway_cluster'));
});
