"use client";

export { TemplateEditor, type TemplateEditorProps } from "./template-editor";
export { TemplatePreview, type TemplatePreviewProps } from "./template-preview";
export { useUnknownVariables, useVariableCatalog } from "./template-check";
