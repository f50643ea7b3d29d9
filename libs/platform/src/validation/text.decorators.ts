import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, Matches, ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';
import { hasLoneSurrogate, isSafeDisplayText, isSafeEmojiText } from '@chat/contracts';

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

/**
 * A string field that is trimmed, then length-checked in code points; the trimmed text is what gets
 * stored. Half a surrogate pair is refused: no store keeps it as given, so what was acked would differ
 * from what is read back.
 */
export function TrimmedText(rule: TextRule): PropertyDecorator {
  const decorators = [
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(),
    CodePointLength(rule.min, rule.max),
    ValidateBy({
      name: 'wellFormed',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !hasLoneSurrogate(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be well-formed Unicode`,
      },
    }),
  ];
  if (rule.pattern) decorators.push(Matches(rule.pattern));
  return applyDecorators(...decorators);
}

/** Query-string integers arrive as text; anything but plain digits stays a string and fails `IsInt`. */
export const QueryInt = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value,
  );

/** A single-line display text (names, topics): as TrimmedText, and safe to display (see isSafeDisplayText). */
export function PlainText(rule: TextRule): PropertyDecorator {
  return applyDecorators(
    TrimmedText(rule),
    ValidateBy({
      name: 'plainText',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isSafeDisplayText(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must show something and hold no control, bidi, invisible or stacked characters`,
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
          isSafeEmojiText(value) &&
          !/\s/u.test(value) &&
          [...graphemes.segment(value)].length <= MAX_EMOJI_GRAPHEMES,
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be an emoji: up to ${MAX_EMOJI_GRAPHEMES} symbols, no spaces or controls`,
      },
    }),
  );
}

/**
 * An id from a URL or a payload. Any string is accepted (an id that is not one of ours names
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
    // No length rule: an over-long string names nothing either (404), and the body and frame caps bound it.
    IsString({ each: options.each }),
  );
}

/**
 * An optional field: absent means "not given", and `null` is a wrong type like any other, refused with
 * the field's own rules (`IsOptional` would let `null` through to code that expects a value).
 */
export const OptionalField = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

/** An instant as RFC 3339 writes it: date, time and an explicit zone. Week dates and local times are not instants. */
const RFC3339_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/i;

/** Every field in its range, the day in its month: engines roll 2030-02-31 over to March instead. */
function isRfc3339Instant(value: string): boolean {
  const match = RFC3339_INSTANT.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const [zoneHours, zoneMinutes] = [Number(match[9] ?? 0), Number(match[10] ?? 0)];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    hour < 24 &&
    minute < 60 &&
    second < 60 &&
    zoneHours < 24 &&
    zoneMinutes < 60
  );
}

/** A point in time: RFC 3339 with a zone, and a real date (not 2030-02-31). */
export const InstantField = (): PropertyDecorator =>
  ValidateBy({
    name: 'instant',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && isRfc3339Instant(value) && Number.isFinite(Date.parse(value)),
      defaultMessage: (args) =>
        `${args?.property ?? 'value'} must be an RFC 3339 date-time with a zone, e.g. 2030-01-01T12:00:00Z`,
    },
  });
