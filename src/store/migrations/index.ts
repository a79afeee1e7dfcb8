import type { Migration } from '../migrate.js';
import { initialSchema } from './001-initial.js';
import { linkSpan } from './002-link-span.js';
import { exceptionWriteback } from './003-exception-writeback.js';
import { rollout } from './004-rollout.js';
import { linkTitle } from './005-link-title.js';
import { poolAndZoomLogin } from './006-pool-and-zoom-login.js';
import { workQueue } from './007-work-queue.js';
import { pushChannels } from './008-push-channels.js';

/** Every schema step, oldest first. Append only: a released step is never edited or removed. */
export const migrations: readonly Migration[] = [
  initialSchema,
  linkSpan,
  exceptionWriteback,
  rollout,
  linkTitle,
  poolAndZoomLogin,
  workQueue,
  pushChannels,
];

export const latestSchemaVersion = migrations.length;
