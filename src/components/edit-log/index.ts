"use client";

export { EditLog, type EditLogProps } from "./edit-log";
export { EditDiff, type EditDiffProps } from "./edit-diff";
