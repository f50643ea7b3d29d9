import { descendants, idleShares, parseCpuStat, parseProcessStat, statusKb } from './proc-stat';

describe('proc-stat', () => {
  it('reads ppid, utime and stime after a command name with spaces and parentheses', () => {
    const line =
      '4242 (node (bench) x) S 4200 4242 4200 0 -1 4194304 100 0 0 0 1500 250 0 0 20 0 11 0 1000 0 0';
    expect(parseProcessStat(line)).toEqual({ pid: 4242, ppid: 4200, ticks: 1750 });
  });

  it('counts iowait as idle and sums the first eight columns of each cpu line', () => {
    const text = 'cpu  10 0 5 80 5 0 0 0 0 0\ncpu0 4 0 2 40 4 0 0 0 0 0\nintr 123\n';
    expect(parseCpuStat(text)).toEqual([
      { cpu: 'cpu', idle: 85, total: 100 },
      { cpu: 'cpu0', idle: 44, total: 50 },
    ]);
  });

  it('gives the idle share of each cpu between two samples', () => {
    const before = [{ cpu: 'cpu0', idle: 100, total: 200 }];
    const after = [{ cpu: 'cpu0', idle: 125, total: 300 }];
    expect(idleShares(before, after)).toEqual({ cpu0: 0.25 });
  });

  it('finds every process below the roots, roots included', () => {
    const table = [
      { pid: 10, ppid: 1 },
      { pid: 11, ppid: 10 },
      { pid: 12, ppid: 11 },
      { pid: 20, ppid: 1 },
    ];
    expect(descendants([10], table).sort()).toEqual([10, 11, 12]);
  });

  it('reads a kB line of /proc/<pid>/status', () => {
    expect(statusKb('Name:\tnode\nVmRSS:\t  123456 kB\n', 'VmRSS')).toBe(123456);
  });
});
