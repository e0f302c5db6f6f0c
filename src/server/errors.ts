import "server-only";
/**
 * An expected failure with a stable reason a client can act on. The tRPC
 * layer maps `status` onto its error codes and passes `reason` through.
 */
export type DomainStatus = "BAD_REQUEST" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "PRECONDITION_FAILED" | "TOO_MANY_REQUESTS";

export class DomainError extends Error {
  constructor(
    readonly status: DomainStatus,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}
