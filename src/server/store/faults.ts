/**
 * Storage faults: the disk is full, the data folder is read-only or not writable, the database is down, the
 * storage device fails. The write is refused and nothing is acknowledged; the routes answer 507 / 503 with the
 * sentence below, and the planner resumes by itself once the cause goes away (no restart).
 *
 * Everything here is duck-typed (by `name`, `kind`, `code`, `errno`), never `instanceof`: hosts bundle the
 * package more than once, and errors from a driver may be Proxies or objects with throwing getters. This module
 * imports nothing from Node so that the router can still run in a browser over a memory store.
 */

/** Which storage fault: it decides the HTTP status and the sentence. */
export type StorageFaultKind = "disk-full" | "read-only" | "permission" | "database-unavailable" | "io";

interface FaultText {
  status: 507 | 503;
  message: string;
  /** Seconds a client may wait before retrying (`Retry-After`), when the fault usually clears by itself. */
  retryAfterSeconds: number | undefined;
}

const FAULTS: Record<StorageFaultKind, FaultText> = {
  "disk-full": {
    status: 507,
    message: "The planner's storage is full: nothing was saved. Free some disk space; the planner resumes by itself.",
    retryAfterSeconds: undefined,
  },
  "read-only": {
    status: 503,
    message: "The planner's storage is read-only: nothing was saved. Make the data folder writable (it is mounted read-only).",
    retryAfterSeconds: undefined,
  },
  permission: {
    status: 503,
    message: "The planner cannot write its data folder (permission denied): nothing was saved. Give the server's user write access to it.",
    retryAfterSeconds: undefined,
  },
  "database-unavailable": {
    status: 503,
    message: "The planner's database is unavailable: nothing was saved. It reconnects by itself; try again shortly.",
    retryAfterSeconds: 5,
  },
  io: {
    status: 503,
    message:
      "The planner's storage reported an input/output error: nothing was saved. Check the disk or volume that holds its data; the planner resumes by itself once it works again.",
    retryAfterSeconds: 10,
  },
};

const KINDS = new Set<string>(Object.keys(FAULTS));

/**
 * A write (or a read) the planner's storage refused. `message` is one sentence a UI can show as it is (no file
 * paths); `detail` says where it happened, for the server log; `cause` is the driver's or the system's error.
 *
 * @example
 * try {
 *   await store.update("agent-1", change);
 * } catch (error) {
 *   if (isStorageFault(error)) return new Response(error.message, { status: error.status });
 *   throw error;
 * }
 */
export class StorageFaultError extends Error {
  override readonly name = "StorageFaultError";
  readonly kind: StorageFaultKind;
  /** 507 Insufficient Storage for a full disk, 503 Service Unavailable otherwise. */
  readonly status: 507 | 503;
  /** Where it happened (an operation, a file), for the server log; not part of `message`. */
  readonly detail: string | undefined;
  /** A `Retry-After` in seconds when the fault usually clears by itself, else `undefined`. */
  readonly retryAfterSeconds: number | undefined;

  /**
   * @param options.message replaces the kind's sentence when it would not be true (a write whose commit got no
   * answer may have been saved: "nothing was saved" cannot be said).
   */
  constructor(kind: StorageFaultKind, detail?: string, options?: { cause?: unknown; message?: string }) {
    const text = FAULTS[kind];
    super(options?.message ?? text.message, options);
    this.kind = kind;
    this.status = text.status;
    this.detail = detail;
    this.retryAfterSeconds = text.retryAfterSeconds;
  }
}

/** Reads `object[key]`, or `undefined` if the read throws (revoked Proxy, throwing getter). */
function read(value: unknown, key: string): unknown {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return undefined;
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/** `isStorageFault` without the type guard's inference, safe on anything. */
function looksLikeFault(error: unknown): boolean {
  if (read(error, "name") !== "StorageFaultError") return false;
  const kind = read(error, "kind");
  const status = read(error, "status");
  return typeof kind === "string" && KINDS.has(kind) && (status === 507 || status === 503) && typeof read(error, "message") === "string";
}

/**
 * Whether `error` is a `StorageFaultError`, from this copy of the package or another one (duck-typed by `name`,
 * `kind` and `status`). Never throws.
 */
export function isStorageFault(error: unknown): error is StorageFaultError {
  return looksLikeFault(error);
}

/** System error codes (Node's `code`, libuv names) that are storage faults. */
const SYSTEM_CODES: Record<string, StorageFaultKind> = {
  ENOSPC: "disk-full",
  EDQUOT: "disk-full",
  EROFS: "read-only",
  EACCES: "permission",
  EPERM: "permission",
  EIO: "io",
  // The database server cannot be reached (PostgreSQL over TCP / a socket).
  ECONNREFUSED: "database-unavailable",
  ECONNRESET: "database-unavailable",
  EPIPE: "database-unavailable",
  ENOTFOUND: "database-unavailable",
  ETIMEDOUT: "database-unavailable",
  EAI_AGAIN: "database-unavailable",
  EHOSTUNREACH: "database-unavailable",
  ENETUNREACH: "database-unavailable",
};

/** Numeric errno (Node gives them negated) of the same faults, identical on Linux and macOS except EDQUOT. */
const SYSTEM_ERRNOS: Record<number, StorageFaultKind> = {
  28: "disk-full", // ENOSPC
  122: "disk-full", // EDQUOT (Linux)
  69: "disk-full", // EDQUOT (macOS)
  30: "read-only", // EROFS
  13: "permission", // EACCES
  1: "permission", // EPERM
  5: "io", // EIO
};

/** postgres.js connection errors (`code`, also in `errno`). */
const POSTGRES_JS_CODES: Record<string, StorageFaultKind> = {
  CONNECTION_ENDED: "database-unavailable",
  CONNECTION_DESTROYED: "database-unavailable",
  CONNECTION_CLOSED: "database-unavailable",
  CONNECT_TIMEOUT: "database-unavailable",
};

/** PostgreSQL SQLSTATEs; class 08 (connection exception) is matched as a whole below. */
const SQLSTATES: Record<string, StorageFaultKind> = {
  "57P01": "database-unavailable", // admin_shutdown
  "57P02": "database-unavailable", // crash_shutdown
  "57P03": "database-unavailable", // cannot_connect_now (starting up, recovering)
  "53300": "database-unavailable", // too_many_connections
  "53200": "database-unavailable", // out_of_memory
  "53100": "disk-full", // disk_full (on the database server)
  "58030": "io", // io_error (on the database server)
};

/** SQLite primary result codes (libsql, better-sqlite3, node:sqlite give `SQLITE_…` names, extended ones too). */
const SQLITE_CODES: Record<string, StorageFaultKind> = {
  SQLITE_FULL: "disk-full",
  SQLITE_READONLY: "read-only",
  SQLITE_CANTOPEN: "permission",
  SQLITE_PERM: "permission",
  SQLITE_IOERR: "io",
  SQLITE_BUSY: "database-unavailable",
  SQLITE_LOCKED: "database-unavailable",
};

/** The same by number (libsql's `rawCode`; extended codes keep the primary code in the low byte). */
const SQLITE_NUMBERS: Record<number, StorageFaultKind> = {
  13: "disk-full",
  8: "read-only",
  14: "permission",
  3: "permission",
  10: "io",
  5: "database-unavailable",
  6: "database-unavailable",
};

function kindOfSqlite(code: string): StorageFaultKind | null {
  // SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED, SQLITE_CANTOPEN_ISDIR, SQLITE_BUSY_TIMEOUT…
  for (const [prefix, kind] of Object.entries(SQLITE_CODES)) {
    if (code === prefix || code.startsWith(`${prefix}_`)) return kind;
  }
  return null;
}

function kindOfCode(code: string): StorageFaultKind | null {
  if (Object.hasOwn(SYSTEM_CODES, code)) return SYSTEM_CODES[code] ?? null;
  if (Object.hasOwn(POSTGRES_JS_CODES, code)) return POSTGRES_JS_CODES[code] ?? null;
  if (code.startsWith("SQLITE_")) return kindOfSqlite(code);
  if (Object.hasOwn(SQLSTATES, code)) return SQLSTATES[code] ?? null;
  // SQLSTATE class 08: connection exception (08000, 08003, 08006, 08001, 08004, 08P01…).
  if (/^08[0-9A-Z]{3}$/.test(code)) return "database-unavailable";
  return null;
}

/** The fault one error object (not its causes) describes, if any. */
function kindOf(error: unknown): StorageFaultKind | null {
  const code = read(error, "code");
  if (typeof code === "string") {
    const kind = kindOfCode(code);
    if (kind) return kind;
    const rawCode = read(error, "rawCode");
    if (code.startsWith("SQLITE") && typeof rawCode === "number" && Number.isInteger(rawCode)) {
      return SQLITE_NUMBERS[rawCode & 0xff] ?? null;
    }
  }
  const errno = read(error, "errno");
  if (typeof errno === "string") return kindOfCode(errno);
  // A bare number is only trusted on a system error (Node's have `syscall`): other libraries use `errno` freely.
  if (typeof errno === "number" && Number.isInteger(errno) && typeof read(error, "syscall") === "string") {
    return SYSTEM_ERRNOS[Math.abs(errno)] ?? null;
  }
  return null;
}

/** How many `cause` links are followed below the error itself. */
const CAUSE_DEPTH = 2;

/**
 * The storage fault `error` stands for, or `null`: a `StorageFaultError` (from any copy of the package) as it
 * is; a system error (`ENOSPC`, `EDQUOT` → disk-full, `EROFS` → read-only, `EACCES`/`EPERM` → permission, `EIO`
 * → io, connection refused/reset/timed out → database-unavailable); an SQLite result code (`SQLITE_FULL`,
 * `SQLITE_READONLY*`, `SQLITE_CANTOPEN`/`SQLITE_PERM`, `SQLITE_IOERR*`, `SQLITE_BUSY`/`SQLITE_LOCKED`); a
 * postgres.js connection error or a PostgreSQL SQLSTATE (class 08, 57P01–57P03, 53300 → database-unavailable,
 * 53100 → disk-full). `cause` (and an `AggregateError`'s first `errors`) are followed two levels down.
 * Never throws, whatever `error` is (revoked Proxy, throwing getters).
 *
 * @param detail where it happened, kept on the new error for the server log.
 */
export function storageFaultOf(error: unknown, detail?: string): StorageFaultError | null {
  let current: unknown = error;
  for (let depth = 0; depth <= CAUSE_DEPTH; depth++) {
    if ((typeof current !== "object" && typeof current !== "function") || current === null) return null;
    // A failed `fetch` (an executor, Inngest, Composio) reached some other service, never the planner's storage:
    // its ECONNREFUSED must not read as "the planner's database is unavailable".
    if (isFetchFailure(current)) return null;
    if (looksLikeFault(current)) {
      if (depth === 0) return current as StorageFaultError;
      // A fault from another copy of the package, wrapped: same kind, this copy's class.
      return new StorageFaultError(read(current, "kind") as StorageFaultKind, detail ?? describe(read(current, "detail")), { cause: error });
    }
    const kind = kindOf(current);
    if (kind) return new StorageFaultError(kind, detail, { cause: error });
    const innerKind = kindOfAggregate(read(current, "errors"));
    if (innerKind) return new StorageFaultError(innerKind, detail, { cause: error });
    current = read(current, "cause");
  }
  return null;
}

/** undici's `TypeError: fetch failed`, whose `cause` is the socket's error. */
function isFetchFailure(error: unknown): boolean {
  return read(error, "name") === "TypeError" && read(error, "message") === "fetch failed";
}

/** The fault of the first few `errors` of an `AggregateError` (Node's connect tries every address). */
function kindOfAggregate(errors: unknown): StorageFaultKind | null {
  try {
    if (!Array.isArray(errors)) return null;
    for (let index = 0; index < Math.min(errors.length, 4); index++) {
      const kind = kindOf(errors[index]);
      if (kind) return kind;
    }
  } catch {
    // A revoked Proxy or a hostile array: no fault to be found there.
  }
  return null;
}

function describe(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}
