import { initTRPC, TRPCError } from "@trpc/server";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import type { ZodError } from "zod";
import { AgentInput } from "../shared/schemas";
import type { PlannerContext } from "./context";
import type { FieldError } from "./errors";
import { errorIdOf } from "./error-ids";
import { auditedDeps } from "./features/history/audit";
import { fieldErrorList, fieldErrorsOf as domainFieldErrorsOf, isNamedError, plannerErrorOf, readSafely } from "./errors";
import { storageFaultOf, type StorageFaultError } from "./store/faults";
import { plannerTransformer } from "./transformer";

// Errors are recognised by a brand, a `code` or a `name` (duck typing), never `instanceof`: a host may bundle
// this package (and zod) more than once, and an error from the other copy must be answered the same way. Domain
// errors go by their brand (`plannerErrorOf`): a host's bundler may minify class names away.

function isZodError(value: unknown): value is ZodError {
  if (!isNamedError(value, "ZodError")) return false;
  try {
    return Array.isArray(readSafely(value, "issues"));
  } catch {
    return false;
  }
}

function zodFieldErrors(error: ZodError): FieldError[] | null {
  try {
    return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
  } catch {
    return null;
  }
}

/** Field errors carried by an error, whether from input validation or a domain rule (`InvalidInputError`). */
function fieldErrorsOf(cause: unknown): FieldError[] | null {
  if (isZodError(cause)) return fieldErrorList(zodFieldErrors(cause));
  return domainFieldErrorsOf(cause);
}

/** What a client sees when the store was closed under a call (the server is stopping). */
export const STORE_CLOSED_MESSAGE = "The planner's storage is closed because the server is stopping or restarting: nothing was saved. Try again in a moment.";

/**
 * The storage fault behind a tRPC error: mapped by `mapDomainErrors` (SERVICE_UNAVAILABLE), or thrown raw where
 * no procedure middleware runs (the host's `auth`, a context). Other codes are never storage faults.
 */
export function storageFaultOfTRPCError(error: TRPCError): StorageFaultError | null {
  if (error.code !== "SERVICE_UNAVAILABLE" && error.code !== "INTERNAL_SERVER_ERROR") return null;
  return storageFaultOf(error.cause);
}

/** What a client sees for an internal error; the cause is in the server log under the same id. */
export function internalErrorMessage(errorId: string): string {
  return `Something went wrong in the planner (error ${errorId}). Try again; if it keeps happening, tell your administrator this error id.`;
}

export const SIGN_IN_MESSAGE = "Sign in to use the planner.";
export const NO_AGENT_ACCESS_MESSAGE = "You do not have access to this agent.";

const t = initTRPC.context<PlannerContext>().create({
  transformer: plannerTransformer,
  // tRPC adds `data.stack` whenever NODE_ENV is not "production"; the planner adds it only for `debug: true`.
  isDev: false,
  // The router also runs in a browser over a memory store (Storybook, component previews).
  allowOutsideOfServer: true,
  errorFormatter({ shape, error, ctx }) {
    const debug = ctx?.deps.debug === true;
    const { stack: _omitted, ...data } = shape.data;
    const fault = storageFaultOfTRPCError(error);
    if (fault) {
      // A storage fault is no bug: 507 (disk full) or 503 with the sentence that says which, and no error id.
      return {
        ...shape,
        code: TRPC_ERROR_CODES_BY_KEY.SERVICE_UNAVAILABLE,
        message: fault.message,
        data: {
          ...data,
          code: "SERVICE_UNAVAILABLE" as const,
          httpStatus: fault.status,
          fieldErrors: null,
          storageFault: fault.kind,
          ...(debug && error.stack ? { stack: error.stack } : {}),
        },
      };
    }
    const fieldErrors = fieldErrorsOf(error.cause);
    const errorId = error.code === "INTERNAL_SERVER_ERROR" ? errorIdOf(error) : undefined;
    const message = isZodError(error.cause)
      ? (fieldErrors?.[0]?.message ?? "The input is not valid.")
      : errorId && !debug && !isNamedError(error.cause, "StoreCorruptError")
        ? // Internal details (file paths, stack messages) stay in the server log.
          internalErrorMessage(errorId)
        : shape.message;
    return {
      ...shape,
      message,
      data: { ...data, fieldErrors, ...(errorId ? { errorId } : {}), ...(debug && error.stack ? { stack: error.stack } : {}) },
    };
  },
});

/** The one place where domain errors become tRPC errors (and so HTTP statuses). */
const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  const domain = plannerErrorOf(cause);
  // Read once more through `readSafely`: the error may come from another copy of the package, or be hostile.
  if (domain) throw new TRPCError({ code: domain.code, message: String(readSafely(domain, "message")), cause: domain });
  if (isNamedError(cause, "StoreValidationError")) throw new TRPCError({ code: "BAD_REQUEST", message: String(readSafely(cause, "message")), cause });
  if (isNamedError(cause, "StoreCorruptError")) {
    // The file path stays in the server log (the route's onError); the user learns what happened.
    throw new TRPCError({
      code: "INTERNAL_SERVER_ERROR",
      message: "This agent's planner data could not be read, so nothing was changed. An administrator must repair it; the details are in the server log.",
      cause,
    });
  }
  if (isNamedError(cause, "LockTimeoutError")) {
    throw new TRPCError({ code: "TIMEOUT", message: "The planner is busy saving other changes. Try again in a moment.", cause });
  }
  // The storage is unavailable, not broken: 503 with a sentence, no error id.
  if (isNamedError(cause, "StoreClosedError")) throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: STORE_CLOSED_MESSAGE, cause });
  // Disk full, read-only, permission denied, database down: 507 / 503 (the error formatter sets the status).
  const fault = result.error.code === "INTERNAL_SERVER_ERROR" ? storageFaultOf(cause) : null;
  if (fault) throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: fault.message, cause: fault });
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapDomainErrors);

/** A signed-in user is required: without one, `UNAUTHORIZED` (401) and nothing else happens. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: SIGN_IN_MESSAGE });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** Acts on one agent: the input carries `agentId`, and the user must be allowed to access it (else 403). */
export const agentProcedure = protectedProcedure.input(AgentInput).use(async ({ ctx, input, type, next }) => {
  const { agentId } = input;
  const allowed = await ctx.deps.canAccessAgent(ctx.user.userId, agentId);
  if (!allowed) throw new TRPCError({ code: "FORBIDDEN", message: NO_AGENT_ACCESS_MESSAGE });
  // Every planner change a mutation makes lands in its job's or trigger's edit log (reads and streams keep the
  // planner's own deps, which some of them key state by).
  if (type !== "mutation") return next({ ctx: { ...ctx, agentId } });
  return next({ ctx: { ...ctx, agentId, deps: auditedDeps(ctx.deps, ctx.user) } });
});
