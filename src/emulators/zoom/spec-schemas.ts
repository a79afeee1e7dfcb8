import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { FieldError } from './zoom-errors.js';

/**
 * Request bodies are validated against Zoom's own OpenAPI export (`specs/zoom-meetings-subset.json`,
 * read at run time: `src/emulators/zoom/` and `dist/emulators/zoom/` both sit three levels under the
 * package root). Unknown fields pass (the spec sets no `additionalProperties`; Zoom ignores them).
 * Formats are not checked here: a `start_time` without `Z` is not RFC 3339, yet Zoom takes it.
 */

type JsonObject = Record<string, unknown>;

/** Checks one body; after `false`, `errors` says why (ajv's errors). */
export interface BodyValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export interface RequestValidators {
  createMeeting: BodyValidator;
  updateMeeting: BodyValidator;
  inviteLinks: BodyValidator;
  meetingStatus: BodyValidator;
}

let cached: RequestValidators | undefined;

/**
 * The validators, each compiled on first use (compiling the meeting schemas costs a few hundred
 * milliseconds); the spec file itself is read at the first call, so a missing file fails early.
 */
export function requestValidators(): RequestValidators {
  if (cached) return cached;
  const specUrl = new URL('../../../specs/zoom-meetings-subset.json', import.meta.url);
  const spec = JSON.parse(readFileSync(specUrl, 'utf8')) as { paths: JsonObject };
  const bodySchema = (path: string, method: string): JsonObject => {
    const operation = (spec.paths[path] as JsonObject)[method] as JsonObject;
    const body = operation.requestBody as JsonObject;
    const schema = ((body.content as JsonObject)['application/json'] as JsonObject)
      .schema as JsonObject;
    return withoutWeeklyDaysEnum(structuredClone(schema));
  };
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const lazy = (path: string, method: string): BodyValidator => {
    const schema = bodySchema(path, method);
    let compiled: ValidateFunction | undefined;
    const validate: BodyValidator = (data) => {
      compiled ??= ajv.compile(schema);
      const ok = compiled(data);
      validate.errors = compiled.errors;
      return ok;
    };
    return validate;
  };
  cached = {
    createMeeting: lazy('/users/{userId}/meetings', 'post'),
    updateMeeting: lazy('/meetings/{meetingId}', 'patch'),
    inviteLinks: lazy('/meetings/{meetingId}/invite_links', 'post'),
    meetingStatus: lazy('/meetings/{meetingId}/status', 'put'),
  };
  return cached;
}

/**
 * The spec models `weekly_days` as one digit (an enum of "1"…"7"), but its own text and REC say
 * "comma separated values" ("1,3"); `validate-recurrence.ts` checks the list instead.
 */
function withoutWeeklyDaysEnum(schema: JsonObject): JsonObject {
  const recurrence = (schema.properties as JsonObject | undefined)?.recurrence as
    { properties?: { weekly_days?: JsonObject } } | undefined;
  if (recurrence?.properties?.weekly_days) delete recurrence.properties.weekly_days.enum;
  return schema;
}

/** ajv's errors as Zoom's `errors: [{field, message}]`, one per field (`recurrence.type`). */
export function fieldErrors(
  errors: ErrorObject[] | null | undefined,
  detailed: boolean,
): FieldError[] {
  const out = new Map<string, FieldError>();
  for (const error of errors ?? []) {
    let field = error.instancePath
      .split('/')
      .slice(1)
      .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
      .join('')
      .replace(/^\./, '');
    if (error.keyword === 'required') {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      field = field ? `${field}.${missing}` : missing;
    }
    if (!out.has(field))
      out.set(field, {
        field,
        message: detailed ? `${field} ${error.message ?? 'is invalid'}` : 'Invalid field.',
      });
  }
  return [...out.values()];
}
