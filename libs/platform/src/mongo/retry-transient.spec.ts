import { AppError } from '../errors/app-error';
import { retryTransient } from './retry-transient';

const poolCleared = () =>
  Object.assign(new Error('Connection pool was cleared'), { name: 'MongoPoolClearedError' });

describe('retryTransient', () => {
  it('runs the operation again after a transient failure and returns its answer', async () => {
    let calls = 0;
    const answer = await retryTransient('test', () => {
      calls += 1;
      return calls < 3 ? Promise.reject(poolCleared()) : Promise.resolve('stored');
    });
    expect(answer).toBe('stored');
    expect(calls).toBe(3);
  });

  it('passes any other error through at once', async () => {
    let calls = 0;
    const conflict = AppError.conflict('Username is taken');
    await expect(
      retryTransient('test', () => {
        calls += 1;
        return Promise.reject(conflict);
      }),
    ).rejects.toBe(conflict);
    expect(calls).toBe(1);
  });

  it('answers UNAVAILABLE once the attempts are spent', async () => {
    let calls = 0;
    const failure = retryTransient(
      'test',
      () => {
        calls += 1;
        return Promise.reject(poolCleared());
      },
      { attempts: 3, backoffMs: 1 },
    );
    await expect(failure).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(calls).toBe(3);
  });
});
