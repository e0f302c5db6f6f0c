import { randomUUID } from "node:crypto";

/** An incoming id a proxy or client set: a short token of letters, digits and . _ : - (no spaces, no quotes, no injected lines). */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The request's id: the incoming X-Request-Id when it is a sane token, so a proxy's id runs through; else a fresh one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const incoming = Array.isArray(header) ? header[0] : header;
  return incoming !== undefined && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}
