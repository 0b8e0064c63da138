/** A failure with a stable code and the HTTP status it maps to; the message is shown to users. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError(404, 'not_found', `${what} was not found`);
export const badRequest = (message: string, details?: unknown) => new AppError(400, 'validation_failed', message, details);
export const conflict = (message: string) => new AppError(409, 'conflict', message);
