/**
 * Import first. `initTRPC.create()` in src/server/trpc.ts refuses to run where `window` exists unless
 * `allowOutsideOfServer: true` is passed; until the server sets it, these pages look like a test environment
 * to tRPC's check so the real router can run in the browser over the memory store.
 */
const scope = globalThis as { process?: { env: Record<string, string | undefined> } };
scope.process ??= { env: {} };
scope.process.env.NODE_ENV ??= "test";
export {};
