import { z } from 'zod';
import { DATA_KINDS } from '../domain/data-kinds';

/** Which kinds of vault data changed: ids and values stay in main, a list refetches what it shows. */
export const vaultChangedEventSchema = z.object({ kinds: z.array(z.enum(DATA_KINDS)).min(1) }).strict();
