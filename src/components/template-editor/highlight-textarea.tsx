"use client";

import { useRef, type ComponentProps, type Ref } from "react";
import { parseTemplate } from "../../shared/template";
import { cn } from "../ui";

export interface HighlightTextareaProps extends Omit<ComponentProps<"textarea">, "value" | "ref"> {
  value: string;
  /** Variable names to mark as unknown (underlined). */
  unknown: ReadonlySet<string>;
  textareaRef?: Ref<HTMLTextAreaElement> | undefined;
}

/**
 * A real `<textarea>` over a mirrored copy of its text in which `{variables}` are drawn as chips. The copy
 * is hidden from assistive tech and takes no pointer events: the textarea stays the only control.
 */
export function HighlightTextarea({ value, unknown, textareaRef, className, onScroll, ...props }: HighlightTextareaProps) {
  const mirror = useRef<HTMLDivElement>(null);
  const segments = parseTemplate(value);
  return (
    <div className="planner-template-field" data-slot="planner-template-field">
      <div ref={mirror} className="planner-template-mirror planner-input planner-textarea" aria-hidden="true">
        {segments.map((segment) => {
          const raw = value.slice(segment.start, segment.end);
          if (segment.kind === "text") return <span key={segment.start}>{raw}</span>;
          const invalid = segment.kind === "error" || unknown.has(segment.name);
          return (
            <mark key={segment.start} className="planner-template-chip" data-invalid={invalid ? "" : undefined}>
              {raw}
            </mark>
          );
        })}
        {/* A trailing newline would otherwise collapse, and the mirror would be a line short of the textarea. */}
        {"\u200b"}
      </div>
      <textarea
        ref={textareaRef}
        data-slot="planner-textarea"
        className={cn("planner-input planner-textarea planner-template-textarea", className)}
        value={value}
        spellCheck={false}
        onScroll={(event) => {
          if (mirror.current) {
            mirror.current.scrollTop = event.currentTarget.scrollTop;
            mirror.current.scrollLeft = event.currentTarget.scrollLeft;
          }
          onScroll?.(event);
        }}
        {...props}
      />
    </div>
  );
}
