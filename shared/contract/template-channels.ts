import { z } from 'zod';
import { TEMPLATE_BODY_MAX_LENGTH, TEMPLATE_EXECUTORS, templateVariableSchema, type TemplateValidation, type TemplateVersion, type TemplateView } from '../domain/template';
import type { TemplateDiagnostic } from '../domain/template-diagnostic';
import { ARCHIVE_FILTERS } from '../domain/archive';
import { channel, typed } from './channel-spec';

export interface DryRunResult {
  readonly ok: boolean;
  /** The command stream with every secret masked; empty when the template has errors. */
  readonly lines: readonly string[];
  readonly diagnostics: readonly TemplateDiagnostic[];
}

export const templateChannels = {
  'template.list': channel({ request: z.object({ archived: z.enum(ARCHIVE_FILTERS).optional() }).strict(), response: typed<readonly TemplateView[]>(), requires: 'template.read' }),
  'template.get': channel({ request: z.object({ id: z.number().int().positive() }).strict(), response: typed<TemplateView>(), requires: 'template.read' }),
  'template.history': channel({ request: z.object({ id: z.number().int().positive() }).strict(), response: typed<readonly TemplateVersion[]>(), requires: 'template.read' }),
  // The input is validated by the template service, which answers with every diagnostic at once.
  'template.save': channel({
    request: z.object({ id: z.number().int().positive().optional(), input: z.record(z.string(), z.unknown()) }).strict(),
    response: typed<TemplateView>(),
    requires: 'template.write',
  }),
  // A built-in cannot be renamed or deleted: duplicating it is how it is customised.
  'template.duplicate': channel({
    request: z.object({ id: z.number().int().positive(), name: z.string().trim().min(1).max(120).optional() }).strict(),
    response: typed<TemplateView>(),
    requires: 'template.write',
  }),
  // template.delete is one of the archive/restore/delete channels (lifecycle-channels.ts).
  'template.lint': channel({
    request: z.object({ body: z.string().max(TEMPLATE_BODY_MAX_LENGTH), variables: z.array(templateVariableSchema).max(50).default([]), executor: z.enum(TEMPLATE_EXECUTORS).default('ssh') }).strict(),
    response: typed<TemplateValidation>(),
    requires: 'template.read',
  }),
  'template.dryRun': channel({
    request: z.object({ body: z.string().max(TEMPLATE_BODY_MAX_LENGTH), variables: z.array(templateVariableSchema).max(50).default([]), executor: z.enum(TEMPLATE_EXECUTORS).default('ssh'), credentialId: z.number().int().positive() }).strict(),
    response: typed<DryRunResult>(),
    // Only template authors: a dry run shows the device commands a template would send.
    requires: 'template.write',
  }),
} as const;
