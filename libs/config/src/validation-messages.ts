import type { ValidationError } from 'class-validator';

/**
 * class-validator's nested errors as flat `path: message` lines, one per broken rule, for every place
 * that reports them (HTTP bodies, socket payloads, the environment). A message that already starts with
 * its property name (class-validator's defaults do) is not prefixed twice.
 */
export function validationMessages(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((text) =>
      text.startsWith(error.property) ? `${parent ? parent + '.' : ''}${text}` : `${path}: ${text}`,
    );
    return [...own, ...validationMessages(error.children ?? [], path)];
  });
}
