"use client";

import { useLabels } from "../../client/settings";
import { renderTemplate, type TemplateVariables } from "../../shared/template";

export interface TemplatePreviewProps {
  template: string;
  samples: TemplateVariables;
}

/** The message as a run would send it, on sample values (the same `renderTemplate` the server runs). */
export function TemplatePreview({ template, samples }: TemplatePreviewProps) {
  const labels = useLabels().templateEditor;
  const rendered = renderTemplate(template, samples).text;
  return (
    <section className="planner-template-preview" data-slot="planner-template-preview" aria-label={labels.preview}>
      <h4 className="planner-template-heading">{labels.preview}</h4>
      <div className="planner-template-preview-text">{rendered.trim() ? rendered : <span className="planner-placeholder">{labels.previewEmpty}</span>}</div>
      <p className="planner-field-hint">{labels.previewNote}</p>
    </section>
  );
}
