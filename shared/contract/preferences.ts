import { z } from 'zod';
import { THEMES } from './settings';

/**
 * Each signed-in user's own display choices: not secrets and not vault-wide, so they live in the
 * preferences file keyed by user id (main/preferences), never in the vault's settings.
 */

/** The tables whose columns a user can choose and resize; each keeps its own layout. */
export const PREFERENCE_TABLES = ['credentials', 'operations'] as const;
export type PreferenceTable = (typeof PREFERENCE_TABLES)[number];

const columnId = z.string().min(1).max(64).regex(/^[a-z_]+$/, 'A column id is lower-case letters and "_".');
/** A width a person could drag to; anything outside is a corrupt or hostile value. */
export const COLUMN_WIDTH_MIN = 40;
export const COLUMN_WIDTH_MAX = 1200;
const width = z.number().int().min(COLUMN_WIDTH_MIN).max(COLUMN_WIDTH_MAX);

export const tableLayoutSchema = z
  .object({
    /** Columns shown (true) or hidden (false); a column not named keeps its default. */
    visible: z.record(columnId, z.boolean()).default({}),
    /** Widths in CSS pixels, set by dragging a header's edge. */
    widths: z.record(columnId, width).default({}),
  })
  .strict();
export type TableLayout = z.infer<typeof tableLayoutSchema>;

/** A view id as the navigation names it (renderer/app/views.ts decides which exist and the role's default). */
const viewId = z.string().min(1).max(64).regex(/^[a-z-]+$/, 'A view id is lower-case letters and "-".');

export const userPreferencesSchema = z
  .object({
    theme: z.enum(THEMES).default('system'),
    /** The view to open after signing in; null leaves the choice to the role's default. */
    landingView: viewId.nullable().default(null),
    tables: z.object({ credentials: tableLayoutSchema.optional(), operations: tableLayoutSchema.optional() }).strict().default({}),
  })
  .strict();
export type UserPreferences = z.infer<typeof userPreferencesSchema>;
export const DEFAULT_USER_PREFERENCES: UserPreferences = userPreferencesSchema.parse({});

/** preferences.set: the fields named replace the stored ones; a table named replaces that table's layout. */
export const userPreferencesPatchSchema = z
  .object({
    theme: z.enum(THEMES).optional(),
    landingView: viewId.nullable().optional(),
    tables: z.object({ credentials: tableLayoutSchema.optional(), operations: tableLayoutSchema.optional() }).strict().optional(),
  })
  .strict();
export type UserPreferencesPatch = z.output<typeof userPreferencesPatchSchema>;
