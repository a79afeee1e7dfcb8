import type { Migration } from '../migrate.js';

/**
 * Version 3: a modified instance of a series is its own event in Google, with its own
 * description, so our block is written into its copies too; `writeback_hash` on its override is
 * the hash of the block they carry (NULL: not written, or not seen there yet), so that a poll
 * that sees it again costs nothing.
 */
export const exceptionWriteback: Migration = {
  version: 3,
  description: 'the block written into a modified instance (occurrence_overrides.writeback_hash)',
  up(db) {
    db.exec('ALTER TABLE occurrence_overrides ADD COLUMN writeback_hash TEXT;');
  },
};
