/**
 * A stored file cannot be read: it is not JSON, or its content does not match the schema. The file was not
 * changed; the message says which file and what to do.
 *
 * @example
 * try {
 *   await store.get("agent-1");
 * } catch (error) {
 *   if (error instanceof StoreCorruptError) console.error(`fix ${error.path}`);
 * }
 */
export class StoreCorruptError extends Error {
  override readonly name = "StoreCorruptError";
  /** The file that could not be read. */
  readonly path: string;

  constructor(path: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.path = path;
  }
}

/**
 * Data given to the store is not acceptable (an invalid agent id, an `update` result or run that does not
 * match the schema, a malformed cursor). Nothing was changed. `cause` holds the zod error when there is one.
 *
 * @example
 * await expect(store.get("../etc")).rejects.toBeInstanceOf(StoreValidationError);
 */
export class StoreValidationError extends Error {
  override readonly name = "StoreValidationError";
}

/**
 * The store was closed with `close()`; it accepts no more calls.
 *
 * @example
 * await store.close();
 * await store.get("agent-1"); // rejects with StoreClosedError
 */
export class StoreClosedError extends Error {
  override readonly name = "StoreClosedError";

  constructor() {
    super("This planner store is closed.");
  }
}

/** Waiting for a lock took longer than `timeoutMs`. */
export class LockTimeoutError extends Error {
  override readonly name = "LockTimeoutError";
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}
