import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { AgentInput } from "../shared/schemas";
import type { PlannerContext } from "./context";
import type { FieldError } from "./errors";
import { errorIdOf } from "./error-ids";
import { InvalidInputError, PlannerError } from "./errors";
import { LockTimeoutError, StoreCorruptError, StoreValidationError } from "./store/errors";
import { plannerTransformer } from "./transformer";

function zodFieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}

/** Field errors carried by an error, whether from input validation or a domain rule. */
function fieldErrorsOf(cause: unknown): FieldError[] | null {
  if (cause instanceof ZodError) return zodFieldErrors(cause);
  if (cause instanceof InvalidInputError && cause.fieldErrors.length > 0) return cause.fieldErrors;
  return null;
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
    const fieldErrors = fieldErrorsOf(error.cause);
    const errorId = error.code === "INTERNAL_SERVER_ERROR" ? errorIdOf(error) : undefined;
    const message =
      error.cause instanceof ZodError
        ? (fieldErrors?.[0]?.message ?? "The input is not valid.")
        : errorId && !debug && !(error.cause instanceof StoreCorruptError)
          ? // Internal details (file paths, stack messages) stay in the server log.
            internalErrorMessage(errorId)
          : shape.message;
    const { stack: _omitted, ...data } = shape.data;
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
  if (cause instanceof PlannerError) throw new TRPCError({ code: cause.code, message: cause.message, cause });
  if (cause instanceof StoreValidationError) throw new TRPCError({ code: "BAD_REQUEST", message: cause.message, cause });
  if (cause instanceof StoreCorruptError) {
    // The file path stays in the server log (the route's onError); the user learns what happened.
    throw new TRPCError({
      code: "INTERNAL_SERVER_ERROR",
      message: "This agent's planner data could not be read, so nothing was changed. An administrator must repair it; the details are in the server log.",
      cause,
    });
  }
  if (cause instanceof LockTimeoutError) {
    throw new TRPCError({ code: "TIMEOUT", message: "The planner is busy saving other changes. Try again in a moment.", cause });
  }
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
export const agentProcedure = protectedProcedure.input(AgentInput).use(async ({ ctx, input, next }) => {
  const { agentId } = input;
  const allowed = await ctx.deps.canAccessAgent(ctx.user.userId, agentId);
  if (!allowed) throw new TRPCError({ code: "FORBIDDEN", message: NO_AGENT_ACCESS_MESSAGE });
  return next({ ctx: { ...ctx, agentId } });
});
