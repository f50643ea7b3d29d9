import { Transform } from 'class-transformer';

/** Environment values are strings; these turn them into typed values before validation. */
export const ToInt = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value,
  );

export const ToList = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item.length > 0)
      : value,
  );

export const ToBool = () =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    if (/^(1|true|yes)$/i.test(value)) return true;
    if (/^(0|false|no)$/i.test(value)) return false;
    return value;
  });

/** A configuration class, as the setting mixins (WithAttachments, WithPush) extend it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the mixin pattern's constructor type
export type EnvClass = new (...args: any[]) => object;
