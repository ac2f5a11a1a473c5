import { z } from 'zod';
import { templateDiagnosticSchema } from './template-diagnostic';
import { BUILTIN_TAG_NAMES, TEMPLATE_VARIABLE_NAME_PATTERN } from './template-tags';

/** Admitted by the CHECK constraint of migration 0016. */
export const TEMPLATE_EXECUTORS = ['ssh', 'telnet', 'postgresql', 'mysql', 'ldap'] as const;
export type TemplateExecutor = (typeof TEMPLATE_EXECUTORS)[number];

export const TEMPLATE_OPERATION_TYPES = ['change_password', 'verify', 'reconcile', 'ssh_key_rotation', 'enable', 'disable'] as const;
export type TemplateOperationType = (typeof TEMPLATE_OPERATION_TYPES)[number];


export const TEMPLATE_BODY_MAX_LENGTH = 65_536;
export const TEMPLATE_VARIABLE_VALUE_MAX_LENGTH = 4_096;

export const templateVariableSchema = z.object({
  name: z
    .string()
    .regex(TEMPLATE_VARIABLE_NAME_PATTERN, 'A variable name is upper case letters, digits and underscores, starting with a letter (at most 64 characters), e.g. SERVICE_NAME'),
  /** A secret variable is masked in transcripts and may only be typed at a prompt on a POSIX shell. */
  secret: z.boolean(),
  /** Absent when the value is not known to this reader (e.g. a sealed secret value not revealed). */
  value: z.string().max(TEMPLATE_VARIABLE_VALUE_MAX_LENGTH).optional(),
});
export type TemplateVariable = z.infer<typeof templateVariableSchema>;

/** What an operator edits; the service adds id, version and timestamps. */
export const templateInputSchema = z
  .object({
    name: z.string().trim().min(1, 'Give the template a name').max(120, 'A template name has at most 120 characters'),
    executor: z.enum(TEMPLATE_EXECUTORS),
    operation_type: z.enum(TEMPLATE_OPERATION_TYPES),
    active: z.boolean(),
    variables: z.array(templateVariableSchema).max(50, 'A template declares at most 50 variables'),
    body: z.string().max(TEMPLATE_BODY_MAX_LENGTH, `A template body has at most ${TEMPLATE_BODY_MAX_LENGTH} characters`),
  })
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    input.variables.forEach((variable, index) => {
      if (BUILTIN_TAG_NAMES.has(variable.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['variables', index, 'name'],
          message: `${variable.name} is a built-in tag; give the variable another name`,
        });
      }
      if (seen.has(variable.name)) {
        ctx.addIssue({ code: 'custom', path: ['variables', index, 'name'], message: `${variable.name} is declared twice; remove one` });
      }
      seen.add(variable.name);
    });
  });
export type TemplateInput = z.infer<typeof templateInputSchema>;

/** One stored version of a template: versions are never overwritten, each edit adds one. */
export const templateVersionSchema = z.object({
  template_id: z.number().int().positive(),
  /** Starts at 1 and goes up by one on each saved edit. */
  version: z.number().int().min(1),
  body: z.string(),
  variables: z.array(templateVariableSchema),
  created_at: z.string(),
  created_by: z.string(),
});
export type TemplateVersion = z.infer<typeof templateVersionSchema>;

/** A template as listed to the UI: its metadata and current version. */
export const templateViewSchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  executor: z.enum(TEMPLATE_EXECUTORS),
  operation_type: z.enum(TEMPLATE_OPERATION_TYPES),
  active: z.boolean(),
  builtin: z.boolean(),
  current_version: z.number().int().min(1),
  body: z.string(),
  variables: z.array(templateVariableSchema),
  created_at: z.string(),
  updated_at: z.string(),
  /** When it was archived (hidden from lists and pickers), or null (migration 0014). */
  archived_at: z.string().nullable().optional(),
});
export type TemplateView = z.infer<typeof templateViewSchema>;

/** A problem with a metadata field (name, variables…), as opposed to a line of the body. */
export const templateFieldErrorSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});
export type TemplateFieldError = z.infer<typeof templateFieldErrorSchema>;

/** The answer of save validation: `ok` is false when any field error or error diagnostic exists. */
export const templateValidationSchema = z.object({
  ok: z.boolean(),
  diagnostics: z.array(templateDiagnosticSchema),
  field_errors: z.array(templateFieldErrorSchema),
});
export type TemplateValidation = z.infer<typeof templateValidationSchema>;
