/**
 * Transport-neutral errors thrown by services. They say what went wrong in domain terms; the HTTP
 * layer (errors/handle-error.ts) decides the status and wire code.
 */
export class ServiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends ServiceError {
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} not found`);
  }
}

/** A unique key already taken (slug, email, code). */
export class DuplicateError extends ServiceError {
  constructor(
    readonly entity: string,
    readonly field: string,
    readonly value: string,
  ) {
    super(`${entity} with ${field} "${value}" already exists`);
  }
}

/** The request is well-formed but conflicts with current state (a disallowed transition, an entity in use). */
export class ConflictError extends ServiceError {}

/** Input that passed the schema but breaks a business rule (e.g. a plan that does not exist in the tenant). */
export class InvalidInputError extends ServiceError {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export class ForbiddenError extends ServiceError {}

export class UnauthorizedError extends ServiceError {}

/** A dependency (database, connector) is unavailable; the client may retry. */
export class UnavailableError extends ServiceError {}
