import { describeSocketContract } from '../support/socket-contract';
import { startStandaloneTopology } from '../support/topologies';

jest.setTimeout(30_000);

describe('Socket.IO contract on the standalone server', () => {
  describeSocketContract(() => startStandaloneTopology());
});
