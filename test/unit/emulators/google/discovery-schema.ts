import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';

/**
 * Google discovery schemas as JSON Schema, strictly: every object schema with `properties` allows
 * no other fields; `format`s are checked (date-time, date, int32 range, int64 as a decimal
 * string); a "Possible values are:" list in a string's description becomes an enum; and fields a
 * method annotates as required (e.g. `start` for `calendar.events.insert`) are required, so a
 * full event in a response carries what an insert must carry.
 */
interface DiscoverySchema {
  id?: string;
  type?: string;
  format?: string;
  $ref?: string;
  description?: string;
  items?: DiscoverySchema;
  properties?: Record<string, DiscoverySchema & { annotations?: { required?: string[] } }>;
  additionalProperties?: DiscoverySchema;
}

type JsonSchema = Record<string, unknown>;

export function loadDiscovery(
  file: string,
): { schemas: Record<string, DiscoverySchema> } & Record<string, unknown> {
  return JSON.parse(
    readFileSync(new URL(`../../../../specs/${file}`, import.meta.url), 'utf8'),
  ) as {
    schemas: Record<string, DiscoverySchema>;
  };
}

function enumOf(description: string | undefined): string[] | undefined {
  if (!description || !/Possible values are:/.test(description)) return undefined;
  const list = description.slice(description.indexOf('Possible values are:'));
  const values = [...list.matchAll(/^- "([^"]+)"/gm)].map((m) => m[1]!);
  return values.length > 0 ? values : undefined;
}

function convert(schema: DiscoverySchema, requiredFor: string[]): JsonSchema {
  if (schema.$ref) return { $ref: `#/definitions/${schema.$ref}` };
  switch (schema.type) {
    case 'any':
      return {};
    case 'string': {
      const out: JsonSchema = { type: 'string' };
      if (schema.format) out.format = schema.format;
      const values = enumOf(schema.description);
      if (values) out.enum = values;
      return out;
    }
    case 'integer':
      return schema.format === 'int32'
        ? { type: 'integer', minimum: -2147483648, maximum: 2147483647 }
        : { type: 'integer' };
    case 'number':
    case 'boolean':
      return { type: schema.type };
    case 'array':
      return { type: 'array', items: schema.items ? convert(schema.items, requiredFor) : {} };
    case 'object': {
      const out: JsonSchema = { type: 'object' };
      if (schema.properties) {
        out.properties = Object.fromEntries(
          Object.entries(schema.properties).map(([name, prop]) => [
            name,
            convert(prop, requiredFor),
          ]),
        );
        out.additionalProperties = false;
        const required = Object.entries(schema.properties)
          .filter(([, prop]) => prop.annotations?.required?.some((m) => requiredFor.includes(m)))
          .map(([name]) => name);
        if (required.length > 0) out.required = required;
      }
      if (schema.additionalProperties)
        out.additionalProperties = convert(schema.additionalProperties, requiredFor);
      return out;
    }
    default:
      throw new Error(`discovery type not converted: ${String(schema.type)}`);
  }
}

/** A validator per named schema; `requiredFor` are the methods whose required fields apply. */
export function discoveryValidators(
  file: string,
  requiredFor: string[],
): (name: string) => ValidateFunction {
  const doc = loadDiscovery(file);
  const definitions = Object.fromEntries(
    Object.entries(doc.schemas).map(([name, schema]) => [name, convert(schema, requiredFor)]),
  );
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
  ajv.addFormat('int64', /^-?\d+$/);
  const cache = new Map<string, ValidateFunction>();
  return (name) => {
    let validate = cache.get(name);
    if (!validate) {
      validate = ajv.compile({ definitions, $ref: `#/definitions/${name}` });
      cache.set(name, validate);
    }
    return validate;
  };
}
