import { z } from "zod";
import { MAX_JSON_BYTES, safeJsonObject, safeRecord } from "./json";

export const TEMPLATE_MAX_LENGTH = 10_000;

export const InputMapping = z.discriminatedUnion("mode", [
  /** The whole event payload (the default for triggers). */
  z.object({ mode: z.literal("payload") }),
  /** A fixed JSON object (the default for jobs). */
  z.object({ mode: z.literal("static"), value: safeJsonObject({ label: "Static input", maxBytes: MAX_JSON_BYTES }) }),
  /** Each input field rendered from a template string. */
  z.object({
    mode: z.literal("fields"),
    fields: safeRecord(
      z
        .record(
          z.string().min(1, { error: "A field name cannot be empty." }).max(100, { error: "A field name must be at most 100 characters." }),
          z.string().max(TEMPLATE_MAX_LENGTH, { error: `A field template must be at most ${TEMPLATE_MAX_LENGTH.toLocaleString("en-US")} characters.` }),
        )
        .refine((fields) => Object.keys(fields).length <= 50, { error: "At most 50 input fields." }),
    ),
  }),
]);
export type InputMapping = z.infer<typeof InputMapping>;

export const ThreadMode = z.union([
  z.literal("new"),
  z.literal("reuse"),
  z.object({ keyPath: z.string().trim().min(1, { error: "Give the variable that identifies the thread." }).max(200) }),
]);
export type ThreadMode = z.infer<typeof ThreadMode>;

export const ChatAction = z.object({
  type: z.literal("chat"),
  template: z
    .string({ error: "Write the message the agent should receive." })
    .refine((t) => t.trim().length > 0, { error: "Write the message the agent should receive." })
    .refine((t) => t.length <= TEMPLATE_MAX_LENGTH, {
      error: `The message must be at most ${TEMPLATE_MAX_LENGTH.toLocaleString("en-US")} characters.`,
    }),
  thread: ThreadMode.optional(),
});
export type ChatAction = z.infer<typeof ChatAction>;

export const WorkflowAction = z.object({
  type: z.literal("workflow"),
  workflowId: z.string({ error: "Choose a workflow." }).trim().min(1, { error: "Choose a workflow." }).max(200),
  input: InputMapping.optional(),
});
export type WorkflowAction = z.infer<typeof WorkflowAction>;

export const Action = z.discriminatedUnion("type", [ChatAction, WorkflowAction], {
  error: 'Choose what happens: "chat" or "workflow".',
});
export type Action = z.infer<typeof Action>;
