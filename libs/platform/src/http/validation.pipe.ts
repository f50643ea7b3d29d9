import { ValidationPipe } from '@nestjs/common';
import { validationMessages } from '@chat/config';
import { AppError } from '../errors/app-error';

/**
 * The global pipe: unknown fields and values of the wrong type (a Mongo operator object, say) are rejected
 * with VALIDATION_FAILED instead of being stripped or passed on.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) =>
      AppError.validation(validationMessages(errors).join('; ') || 'Invalid input'),
  });
}
