export * from "./check-digits";
export * from "./money";
export * from "./schema";
export * from "./preview";
