"use client";

import { schemaDefaults, schemaFields, type SchemaField, type SchemaFieldKind } from "../../shared/schema-form/fields";

/** Which control a setting gets (the shared generator's kinds). */
export type ConfigFieldKind = SchemaFieldKind;
/** One setting of a trigger type, read from its config JSON Schema by the shared generator. */
export type ConfigField = SchemaField;

/**
 * The settings a trigger type's config schema declares, in schema order (the shared JSON-Schema → form generator).
 * Never throws: a schema without `properties` has no settings.
 *
 * @example
 * configFields({ type: "object", properties: { owner: { type: "string" } }, required: ["owner"] });
 * // [{ key: "owner", title: "Owner", kind: "string", required: true, nullable: false }]
 */
export const configFields: (schema: unknown) => ConfigField[] = schemaFields;

/** The non-null defaults of a config schema, as a new trigger's starting settings. */
export const configDefaults = schemaDefaults;
