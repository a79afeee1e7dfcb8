import { z } from 'zod';

/** Pieces several sections of the configuration schema use. */

export const url = z.url({ protocol: /^https?$/ });
/** Long enough that guessing it over HTTP is hopeless. */
export const MIN_TOKEN_LENGTH = 16;
export const duration = (what: string) => z.number().int().nonnegative().describe(what);
