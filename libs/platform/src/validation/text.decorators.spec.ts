import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { TrimmedText } from './text.decorators';

class Sample {
  @TrimmedText({ min: 1, max: 3 }) text!: string;
}

const check = (text: unknown) => {
  const instance = plainToInstance(Sample, { text });
  return { errors: validateSync(instance).length, text: instance.text };
};

describe('TrimmedText', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(check('😀😀😀').errors).toBe(0);
    expect(check('😀😀😀😀').errors).toBe(1);
  });

  it('trims before counting, and keeps the trimmed text', () => {
    expect(check('  ab  ')).toEqual({ errors: 0, text: 'ab' });
    expect(check('   ').errors).toBe(1);
  });

  it('rejects values that are not strings', () => {
    expect(check({ $ne: null }).errors).toBe(1);
    expect(check(12).errors).toBe(1);
  });
});
