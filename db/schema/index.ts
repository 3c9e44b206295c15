// Barrel for drizzle-kit (schema source) and for drizzle({ schema }) relational queries.
export * from "./agent";
export * from "./alerts";
export * from "./api";
export * from "./enrolment";
export * from "./enums";
export * from "./hosts";
export * from "./notifications";
export * from "./packages";
export * from "./reports";
export * from "./repositories";
export * from "./sessions";
export * from "./settings";
export * from "./system";
export * from "./users";
