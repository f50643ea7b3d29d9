import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, Matches, ValidateBy, type ValidationOptions } from 'class-validator';

function codePoints(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

/** Length in Unicode code points, as the contract counts it (an emoji is one, not two UTF-16 units). */
export function CodePointLength(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'codePointLength',
      constraints: [min, max],
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && codePoints(value) >= min && codePoints(value) <= max,
        defaultMessage: (args) => `${args?.property ?? 'value'} must be ${min}-${max} characters`,
      },
    },
    options,
  );
}

export interface TextRule {
  min: number;
  max: number;
  pattern?: RegExp;
}

/** A string field that is trimmed, then length-checked in code points; the trimmed text is what gets stored. */
export function TrimmedText(rule: TextRule): PropertyDecorator {
  const decorators = [
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(),
    CodePointLength(rule.min, rule.max),
  ];
  if (rule.pattern) decorators.push(Matches(rule.pattern));
  return applyDecorators(...decorators);
}

/** Query-string integers arrive as text; anything but plain digits stays a string and fails `IsInt`. */
export const QueryInt = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value,
  );
