import "server-only";
/**
 * An expected failure with a stable reason a client can act on. The tRPC
 * layer maps `status` onto its error codes and passes `reason` through.
 */
export type DomainStatus = "BAD_REQUEST" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "PRECONDITION_FAILED" | "TOO_MANY_REQUESTS";

const brand = Symbol.for("nearby-exchange.DomainError");

export class DomainError extends Error {
  constructor(
    readonly status: DomainStatus,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = "DomainError";
    Object.defineProperty(this, brand, { value: true });
  }

  /**
   * By brand, not by prototype: Next.js bundles server modules once per route,
   * and an error made by the process-wide runtime (the rate limits) comes from
   * another copy of this class than the route's.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && brand in value;
  }
}
