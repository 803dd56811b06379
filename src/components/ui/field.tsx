"use client";

import { cloneElement, isValidElement, useId, type ComponentProps, type ReactElement, type ReactNode } from "react";
import { useLabels } from "../../client/settings";
import { cn } from "./cn";
import { Label } from "./label";

/** What `Field` passes to its control so the label, hint and error are announced with it. */
export interface FieldControlProps {
  id: string;
  "aria-describedby"?: string | undefined;
  "aria-invalid"?: boolean | undefined;
  "aria-required"?: boolean | undefined;
}

export interface FieldProps extends Omit<ComponentProps<"div">, "children"> {
  label: ReactNode;
  /** One control element (Input, Textarea, a Select trigger…) — it receives id and aria-* props — or a render function. */
  children: ReactElement<FieldControlProps> | ((control: FieldControlProps) => ReactNode);
  hint?: ReactNode | undefined;
  /** The error message; when set the control is marked invalid. */
  error?: ReactNode | undefined;
  required?: boolean | undefined;
  optional?: boolean | undefined;
  /** Use this id for the control instead of a generated one. */
  id?: string | undefined;
}

/**
 * A label, a control, a hint and an error, wired together: the label names the control, the hint and error
 * describe it (`aria-describedby`), an error sets `aria-invalid`.
 *
 * @example
 * ```tsx
 * <Field label="Name" hint="Shown on the card." error={errors.name?.message} required>
 *   <Input {...register("name")} />
 * </Field>
 * ```
 */
export function Field({ label, children, hint, error, required, optional, id, className, ...props }: FieldProps) {
  const labels = useLabels();
  const generated = useId();
  const controlId = id ?? `${generated}-control`;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const control: FieldControlProps = {
    id: controlId,
    ...(describedBy ? { "aria-describedby": describedBy } : {}),
    ...(error ? { "aria-invalid": true } : {}),
    ...(required ? { "aria-required": true } : {}),
  };
  return (
    <div data-slot="planner-field" data-invalid={error ? "" : undefined} className={cn("planner-field", className)} {...props}>
      <Label htmlFor={controlId} className="planner-field-label">
        {label}
        {required ? <span className="planner-field-mark" aria-hidden="true"> *</span> : null}
        {optional ? (
          <>
            {" "}
            <span className="planner-field-optional">({labels.common.optional})</span>
          </>
        ) : null}
      </Label>
      {typeof children === "function" ? children(control) : isValidElement(children) ? cloneElement(children, control) : children}
      {hint ? (
        <p id={hintId} className="planner-field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="planner-field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
