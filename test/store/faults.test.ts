import { describe, expect, it } from "vitest";
import { StorageFaultError, isStorageFault, storageFaultOf, type StorageFaultKind } from "../../src/server/store/faults";
import * as server from "../../src/server";

/** An error the way Node's fs reports one. */
function systemError(code: string, errno?: number): Error {
  return Object.assign(new Error(`${code}: failed, open '/srv/data/agents/a.json'`), { code, syscall: "open", ...(errno !== undefined ? { errno } : {}) });
}

const coded = (code: string) => Object.assign(new Error(`driver error ${code}`), { code });

describe("storageFaultOf: system error codes", () => {
  it.each<[string, StorageFaultKind]>([
    ["ENOSPC", "disk-full"],
    ["EDQUOT", "disk-full"],
    ["EROFS", "read-only"],
    ["EACCES", "permission"],
    ["EPERM", "permission"],
    ["EIO", "io"],
    ["ECONNREFUSED", "database-unavailable"],
    ["ECONNRESET", "database-unavailable"],
    ["EPIPE", "database-unavailable"],
    ["ENOTFOUND", "database-unavailable"],
    ["ETIMEDOUT", "database-unavailable"],
  ])("%s → %s", (code, kind) => {
    const original = systemError(code);
    const fault = storageFaultOf(original, "writing a.json");
    expect(fault).toBeInstanceOf(StorageFaultError);
    expect(fault).toMatchObject({ name: "StorageFaultError", kind, detail: "writing a.json" });
    expect(fault?.cause).toBe(original);
    // The sentence is for users: no path, no code.
    expect(fault?.message).not.toContain("/srv/");
    expect(fault?.message).not.toContain(code);
  });

  it("reads a negated numeric errno only on a system error (one with `syscall`)", () => {
    expect(storageFaultOf(Object.assign(new Error("x"), { errno: -28, syscall: "write" }))?.kind).toBe("disk-full");
    expect(storageFaultOf(Object.assign(new Error("x"), { errno: -30, syscall: "open" }))?.kind).toBe("read-only");
    expect(storageFaultOf(Object.assign(new Error("x"), { errno: -13, syscall: "open" }))?.kind).toBe("permission");
    expect(storageFaultOf(Object.assign(new Error("x"), { errno: 28 }))).toBeNull();
    expect(storageFaultOf(Object.assign(new Error("x"), { errno: "ENOSPC" }))?.kind).toBe("disk-full");
  });

  it("leaves other errors alone", () => {
    for (const error of [systemError("ENOENT"), systemError("EEXIST"), new Error("EACCES: permission denied (only in the text)"), coded("P2002"), coded("23505"), coded("42P01")]) {
      expect(storageFaultOf(error)).toBeNull();
    }
    for (const value of [null, undefined, 0, "ENOSPC", true, Symbol("ENOSPC"), () => undefined]) expect(storageFaultOf(value)).toBeNull();
  });
});

describe("storageFaultOf: SQLite", () => {
  it.each<[string, StorageFaultKind]>([
    ["SQLITE_FULL", "disk-full"],
    ["SQLITE_READONLY", "read-only"],
    ["SQLITE_READONLY_DBMOVED", "read-only"],
    ["SQLITE_READONLY_DIRECTORY", "read-only"],
    ["SQLITE_CANTOPEN", "permission"],
    ["SQLITE_PERM", "permission"],
    ["SQLITE_IOERR", "io"],
    ["SQLITE_IOERR_WRITE", "io"],
    ["SQLITE_IOERR_FSYNC", "io"],
    ["SQLITE_BUSY", "database-unavailable"],
    ["SQLITE_BUSY_TIMEOUT", "database-unavailable"],
    ["SQLITE_LOCKED", "database-unavailable"],
  ])("%s → %s", (code, kind) => {
    expect(storageFaultOf(coded(code))?.kind).toBe(kind);
  });

  it("falls back to libsql's numeric rawCode (primary code in the low byte)", () => {
    expect(storageFaultOf(Object.assign(new Error("x"), { code: "SQLITE_UNKNOWN", rawCode: 13 }))?.kind).toBe("disk-full");
    expect(storageFaultOf(Object.assign(new Error("x"), { code: "SQLITE_UNKNOWN", rawCode: 8 | (4 << 8) }))?.kind).toBe("read-only");
  });

  it("does not take a constraint or a corrupt database for a storage fault", () => {
    for (const code of ["SQLITE_CONSTRAINT", "SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_ERROR", "SQLITE_FULLX"]) {
      expect(storageFaultOf(coded(code))).toBeNull();
    }
  });
});

describe("storageFaultOf: PostgreSQL", () => {
  it.each<[string, StorageFaultKind]>([
    ["CONNECTION_ENDED", "database-unavailable"],
    ["CONNECTION_DESTROYED", "database-unavailable"],
    ["CONNECTION_CLOSED", "database-unavailable"],
    ["CONNECT_TIMEOUT", "database-unavailable"],
    ["57P01", "database-unavailable"],
    ["57P02", "database-unavailable"],
    ["57P03", "database-unavailable"],
    ["53300", "database-unavailable"],
    ["08000", "database-unavailable"],
    ["08001", "database-unavailable"],
    ["08003", "database-unavailable"],
    ["08006", "database-unavailable"],
    ["08P01", "database-unavailable"],
    ["53100", "disk-full"],
    ["58030", "io"],
  ])("%s → %s", (code, kind) => {
    const fault = storageFaultOf(coded(code));
    expect(fault?.kind).toBe(kind);
    if (kind === "database-unavailable") expect(fault?.message).toMatch(/^The planner's database is unavailable/);
  });

  it("sees the refused connection inside an AggregateError (every address tried)", () => {
    const aggregate = new AggregateError([systemError("ECONNREFUSED"), systemError("ECONNREFUSED")], "connect failed");
    expect(storageFaultOf(aggregate)?.kind).toBe("database-unavailable");
  });

  it("does not blame the database for a failed fetch to another service", () => {
    const fetchFailed = new TypeError("fetch failed", { cause: systemError("ECONNREFUSED") });
    expect(storageFaultOf(fetchFailed)).toBeNull();
    expect(storageFaultOf(new Error("Inngest send failed", { cause: fetchFailed }))).toBeNull();
  });
});

describe("storageFaultOf: causes and existing faults", () => {
  it("follows `cause` two levels down, not further", () => {
    const one = new Error("write failed", { cause: systemError("ENOSPC") });
    const two = new Error("commit failed", { cause: one });
    const three = new Error("request failed", { cause: two });
    expect(storageFaultOf(one)?.kind).toBe("disk-full");
    expect(storageFaultOf(two)?.kind).toBe("disk-full");
    expect(storageFaultOf(two)?.cause).toBe(two);
    expect(storageFaultOf(three)).toBeNull();
  });

  it("answers a StorageFaultError as it is, and one from another copy of the package as this copy's", () => {
    const fault = new StorageFaultError("read-only", "writing a.json");
    expect(storageFaultOf(fault)).toBe(fault);
    expect(storageFaultOf(fault, "other detail")).toBe(fault);
    // Another bundle's class: same shape, different constructor.
    const foreign = Object.assign(new Error("The planner's storage is full: nothing was saved."), { name: "StorageFaultError", kind: "disk-full", status: 507 });
    expect(storageFaultOf(foreign)).toBe(foreign);
    expect(isStorageFault(foreign)).toBe(true);
    const wrapped = storageFaultOf(new Error("outer", { cause: foreign }));
    expect(wrapped).toBeInstanceOf(StorageFaultError);
    expect(wrapped?.kind).toBe("disk-full");
  });

  it("does not take any error named StorageFaultError for one", () => {
    expect(isStorageFault(Object.assign(new Error("x"), { name: "StorageFaultError", kind: "melted", status: 503 }))).toBe(false);
    expect(isStorageFault(Object.assign(new Error("x"), { name: "StorageFaultError", kind: "io", status: 500 }))).toBe(false);
    expect(isStorageFault({ name: "StorageFaultError", kind: "io", status: 503 })).toBe(false);
  });
});

describe("storageFaultOf: hostile values never throw", () => {
  it("a revoked Proxy, as the error or as its cause", () => {
    const { proxy, revoke } = Proxy.revocable(new Error("x"), {});
    revoke();
    expect(storageFaultOf(proxy)).toBeNull();
    expect(isStorageFault(proxy)).toBe(false);
    expect(storageFaultOf(new Error("outer", { cause: proxy }))).toBeNull();
    const revokedList = Proxy.revocable([systemError("ENOSPC")], {});
    revokedList.revoke();
    expect(storageFaultOf(Object.assign(new Error("agg"), { errors: revokedList.proxy }))).toBeNull();
  });

  it("throwing getters and traps", () => {
    const throwing = Object.defineProperties(new Error("x"), {
      name: { get: () => { throw new Error("name"); } },
      code: { get: () => { throw new Error("code"); } },
      errno: { get: () => { throw new Error("errno"); } },
      cause: { get: () => { throw new Error("cause"); } },
    });
    expect(storageFaultOf(throwing)).toBeNull();
    expect(isStorageFault(throwing)).toBe(false);
    const trap = new Proxy(
      {},
      {
        get() {
          throw new Error("get");
        },
        getPrototypeOf() {
          throw new Error("proto");
        },
      },
    );
    expect(storageFaultOf(trap)).toBeNull();
    // A getter that throws for one property does not hide the code on another.
    const partly = Object.defineProperty(systemError("EROFS"), "name", { get: () => { throw new Error("name"); } });
    expect(storageFaultOf(partly)?.kind).toBe("read-only");
  });

  it("a cause cycle", () => {
    const a: Error & { cause?: unknown } = new Error("a");
    const b = new Error("b", { cause: a });
    a.cause = b;
    expect(storageFaultOf(a)).toBeNull();
  });
});

describe("StorageFaultError", () => {
  it("has one sentence and a status per kind; read-only never says 'try again'", () => {
    const expected: Record<StorageFaultKind, { status: number; message: RegExp; retryAfterSeconds: number | undefined }> = {
      "disk-full": { status: 507, message: /^The planner's storage is full: nothing was saved\. Free some disk space/, retryAfterSeconds: undefined },
      "read-only": { status: 503, message: /^The planner's storage is read-only: nothing was saved\. Make the data folder writable/, retryAfterSeconds: undefined },
      permission: { status: 503, message: /^The planner cannot write its data folder \(permission denied\): nothing was saved\./, retryAfterSeconds: undefined },
      "database-unavailable": { status: 503, message: /^The planner's database is unavailable: nothing was saved\./, retryAfterSeconds: 5 },
      io: { status: 503, message: /input\/output error: nothing was saved\./, retryAfterSeconds: 10 },
    };
    for (const [kind, want] of Object.entries(expected) as Array<[StorageFaultKind, (typeof expected)[StorageFaultKind]]>) {
      const fault = new StorageFaultError(kind, "detail for the log");
      expect(fault.status).toBe(want.status);
      expect(fault.message).toMatch(want.message);
      expect(fault.message).not.toContain("detail for the log");
      expect(fault.retryAfterSeconds).toBe(want.retryAfterSeconds);
      expect(isStorageFault(fault)).toBe(true);
    }
    for (const kind of ["disk-full", "read-only", "permission"] as const) expect(new StorageFaultError(kind).message).not.toMatch(/try again/i);
  });

  it("is exported from the server entry", () => {
    expect(server.StorageFaultError).toBe(StorageFaultError);
    expect(server.storageFaultOf).toBe(storageFaultOf);
    expect(server.isStorageFault).toBe(isStorageFault);
  });
});
