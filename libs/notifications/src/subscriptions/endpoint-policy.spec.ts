import { endpointProblem, isPrivateAddress } from './endpoint-policy';

describe('endpointProblem', () => {
  const problem = (url: string, allowed: string[] = []) => endpointProblem(new URL(url), allowed);

  it('accepts any public https host when the operator lists none', () => {
    expect(problem('https://fcm.googleapis.com/fcm/send/abc')).toBeNull();
    expect(problem('https://push.example.com/p/1')).toBeNull();
    expect(problem('https://8.8.8.8/p')).toBeNull();
  });

  it("refuses the server's own network, by address or by name", () => {
    for (const url of [
      'https://127.0.0.1/p',
      'https://10.1.2.3/p',
      'https://172.20.0.1/p',
      'https://192.168.1.1/p',
      'https://169.254.169.254/latest/meta-data',
      'https://[::1]/p',
      'https://[fd00::1]/p',
      'https://[::ffff:127.0.0.1]/p',
      'https://localhost/p',
      'https://api.localhost/p',
      'https://redis/p',
      'https://metadata.google.internal/p',
    ])
      expect({ url, problem: problem(url) }).toEqual({ url, problem: expect.any(String) });
    expect(problem('http://fcm.googleapis.com/x')).toMatch(/https/);
    expect(problem('https://user:pass@fcm.googleapis.com/x')).toMatch(/credentials/);
  });

  it("with the operator's list, takes those hosts only, as trusted as they are", () => {
    expect(problem('https://127.0.0.1:8443/push/1', ['127.0.0.1'])).toBeNull();
    expect(problem('https://a.push.apple.com/x', ['*.push.apple.com'])).toBeNull();
    expect(problem('https://push.apple.com/x', ['*.push.apple.com'])).toMatch(/not an allowed/);
    expect(problem('https://fcm.googleapis.com/x', ['127.0.0.1'])).toMatch(/not an allowed/);
  });
});

describe('isPrivateAddress', () => {
  it('knows public from private in both families', () => {
    expect(['1.1.1.1', '2606:4700:4700::1111'].map(isPrivateAddress)).toEqual([false, false]);
    expect(['0.0.0.0', '100.64.0.1', '::', 'fe80::1', 'not an ip'].map(isPrivateAddress)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
  });
});
