/** The formatting helpers live in src/shared (the root entry), so a server component can use them too. */
export * from "../shared/format";
