import { parseLoadOptions } from './load-options';
import { assertAllowedTarget, isLoopback } from './target-guard';

const defaults = {
  url: 'http://127.0.0.1:8080',
  users: '50',
  rooms: '5',
  roomSizes: 'equal',
  rate: '50',
  sendersShare: '0.5',
  duration: '30',
  rampUp: '5',
  transport: 'websocket',
  size: '100',
  uploads: '0',
  uploadBytes: '20000',
  historyShare: '0.1',
  historyInterval: '5',
  usersFile: 'users.json',
  prepareConcurrency: '4',
  maxMessages: '1000',
  out: 'out',
  progress: '2',
  seed: '1',
};

describe('load options and target guard', () => {
  it('accepts the defaults', () => {
    expect(parseLoadOptions(defaults)).toMatchObject({ users: 50, rate: 50, durationSeconds: 30 });
  });

  it.each([
    [{ users: '0' }, /--users must be an integer from 1 to 20000/],
    [{ duration: '7200' }, /--duration must be between 0 and 3600/],
    [{ rate: '100000' }, /--rate must be above 0 and at most 20000/],
    [{ rooms: '60' }, /--rooms cannot exceed --users/],
    [{ transport: 'carrier-pigeon' }, /--transport must be one of websocket, polling/],
    [{ size: '5000' }, /--size must be an integer from 1 to 4000/],
    [{ chaos: 'kill:redis@1s' }, /add --cluster/],
    [{ uploads: '1.5' }, /--uploads must be a share between 0 and 1/],
    [{ uploadBytes: '0' }, /--upload-bytes must be an integer from 1 to 10485760/],
  ])('refuses %j', (override, message) => {
    expect(() => parseLoadOptions({ ...defaults, ...override })).toThrow(message);
  });

  it('targets loopback by default and anything else only when allowed', () => {
    expect(isLoopback('http://127.0.0.1:8080')).toBe(true);
    expect(isLoopback('http://localhost:3000')).toBe(true);
    expect(isLoopback('http://[::1]:8080')).toBe(true);
    expect(isLoopback('https://chat.example.com')).toBe(false);
    expect(() => assertAllowedTarget('https://chat.example.com', false)).toThrow(/--allow-remote/);
    expect(() => assertAllowedTarget('https://chat.example.com', true)).not.toThrow();
    expect(() => assertAllowedTarget('ftp://127.0.0.1', true)).toThrow(/http/);
  });
});
