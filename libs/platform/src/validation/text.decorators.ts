import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength, ValidateBy, type ValidationOptions } from 'class-validator';
import { hasControlOrBidi } from '@chat/contracts';

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

/** A single-line display text (names, topics): trimmed and counted as TrimmedText, with no control or bidi character. */
export function PlainText(rule: TextRule): PropertyDecorator {
  return applyDecorators(
    TrimmedText(rule),
    ValidateBy({
      name: 'plainText',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && !hasControlOrBidi(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must not contain control or bidi characters`,
      },
    }),
  );
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Emoji are short: a few grapheme clusters (a flag, a family, a skin tone), never a sentence. */
export const MAX_EMOJI_GRAPHEMES = 8;

/**
 * A reaction's emoji: 1–32 code points as the contract says, at most MAX_EMOJI_GRAPHEMES grapheme
 * clusters, no whitespace, controls or bidi characters. It is a key in `reactions`, so it is also checked
 * to be no less safe there than any other string (the map has no prototype).
 */
export function EmojiText(rule: TextRule): PropertyDecorator {
  return applyDecorators(
    TrimmedText(rule),
    ValidateBy({
      name: 'emoji',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          !hasControlOrBidi(value) &&
          !/\s/u.test(value) &&
          [...graphemes.segment(value)].length <= MAX_EMOJI_GRAPHEMES,
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be an emoji: up to ${MAX_EMOJI_GRAPHEMES} symbols, no spaces or controls`,
      },
    }),
  );
}

/**
 * An id from a URL or a payload. Any string up to 64 is accepted (an id that is not one of ours names
 * nothing: 404, not 400), but a well-formed id is made canonical (lower case) right here at the edge, so
 * that no key, channel or record is ever derived from a second spelling of the same id.
 */
export function IdField(options: { each?: boolean } = {}): PropertyDecorator {
  const canonical = (value: unknown) =>
    typeof value === 'string' && /^[0-9a-f]{24}$/i.test(value) ? value.toLowerCase() : value;
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      options.each && Array.isArray(value) ? value.map(canonical) : canonical(value),
    ),
    IsString({ each: options.each }),
    MaxLength(64, { each: options.each }),
  );
}
