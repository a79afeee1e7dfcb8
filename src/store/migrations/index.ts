import type { Migration } from '../migrate.js';
import { initialSchema } from './001-initial.js';
import { linkSpan } from './002-link-span.js';

/** Every schema step, oldest first. Append only: a released step is never edited or removed. */
export const migrations: readonly Migration[] = [initialSchema, linkSpan];

export const latestSchemaVersion = migrations.length;
