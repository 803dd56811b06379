import type { EditActor } from "../../../shared/schemas";
import type { PlannerDeps } from "../../deps";
import type { PlannerUser } from "../../options";
import type { PlannerStore } from "../../store/port";
import { editsBetween } from "./diff";

/** The user as an edit log names them: the id, and the host's display name when it gave a usable one. */
export function actorOf(user: PlannerUser): EditActor {
  let name: unknown;
  try {
    name = (user as { name?: unknown }).name;
  } catch {
    name = undefined;
  }
  const trimmed = typeof name === "string" ? name.trim().slice(0, 200) : "";
  return { userId: user.userId.slice(0, 500), ...(trimmed ? { name: trimmed } : {}) };
}

/**
 * The store as `user`'s calls see it: every planner change they make (create, edit, pause, resume, delete, and the
 * bulk actions, which go through the same handlers) is written with its edit-log entries, in the same atomic step.
 * An update that brings its own `edits` keeps them.
 */
export function auditedStore(store: PlannerStore, user: PlannerUser, clock: () => Date): PlannerStore {
  const actor = actorOf(user);
  const audited = Object.create(store) as PlannerStore & { [BASE_STORE]?: PlannerStore };
  audited[BASE_STORE] = baseStoreOf(store);
  audited.update = (agentId, fn, options) =>
    store.update(agentId, fn, {
      ...options,
      edits: options?.edits ?? ((before, after) => editsBetween(before, after, { agentId, actor, at: clock().toISOString() })),
    });
  return audited;
}

const BASE_STORE: unique symbol = Symbol("agent-planner.baseStore");

/**
 * The store an audited store writes through (the store itself when it is not one): what state kept per store (a lock
 * per agent) must be keyed by, so the calls of every user share it.
 */
export function baseStoreOf(store: PlannerStore): PlannerStore {
  return (store as { [BASE_STORE]?: PlannerStore })[BASE_STORE] ?? store;
}

/** Audited deps per planner and user, so a user's calls share one store object (some callers key state by it). */
const cache = new WeakMap<PlannerDeps, Map<string, PlannerDeps>>();
/** Users remembered per planner before the cache starts again. */
const MAX_USERS = 1_000;

/** `deps` with the store of {@link auditedStore} (what the mutations acting on one agent get); the same object for the same user. */
export function auditedDeps(deps: PlannerDeps, user: PlannerUser): PlannerDeps {
  let byUser = cache.get(deps);
  if (!byUser) cache.set(deps, (byUser = new Map<string, PlannerDeps>()));
  const key = JSON.stringify(actorOf(user));
  let audited = byUser.get(key);
  if (!audited) {
    if (byUser.size >= MAX_USERS) byUser.clear();
    audited = { ...deps, store: auditedStore(deps.store, user, deps.clock) };
    byUser.set(key, audited);
  }
  return audited;
}
