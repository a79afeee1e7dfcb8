/**
 * Columns are the fields of the row types in snake_case (`zoomMeetingId` ↔ `zoom_meeting_id`),
 * so one mapping serves every table: `RowOf<T>` is the shape SQLite returns for `T`, and
 * `fromRow` turns such a row into `T`.
 */
type SnakeCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeCase<Tail>}`
  : S;

export type RowOf<T> = { [K in keyof T as K extends string ? SnakeCase<K> : never]: T[K] };

const fieldNames = new Map<string, string>();

function fieldName(column: string): string {
  let name = fieldNames.get(column);
  if (name === undefined) {
    name = column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
    fieldNames.set(column, name);
  }
  return name;
}

export function fromRow<T>(row: RowOf<T>): T {
  const object: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) object[fieldName(column)] = value;
  return object as T;
}
