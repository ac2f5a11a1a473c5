import { z } from 'zod';

/**
 * The response JSON of Segura's credential API (seed 004). The Portuguese keys (mensagem, erro,
 * cod_erro) duplicate the English ones; Segura clients read either, so both are always sent.
 */
export const credentialApiStatusSchema = z.object({
  status: z.number().int(),
  message: z.string(),
  error: z.boolean(),
  error_code: z.number().int(),
  detail: z.string(),
  mensagem: z.string(),
  erro: z.boolean(),
  cod_erro: z.number().int(),
});

export const credentialApiResponseSchema = z.object({
  code: z.number().int(),
  response: credentialApiStatusSchema,
  tenant: z.string().optional(),
  /** Present on success only; the id is a string in the seed's examples ("152"). */
  credential: z.object({ id: z.string(), identifier: z.string() }).optional(),
  /** With code 9007 only: the bulk request (BULK-000012) an approver must accept (issue 11). */
  approvalRequest: z.string().optional(),
});

export type CredentialApiStatus = z.infer<typeof credentialApiStatusSchema>;
export type CredentialApiResponse = z.infer<typeof credentialApiResponseSchema>;

export const CREDENTIAL_UPDATED_MESSAGE = 'Credential updated successfully!';
export const CREDENTIAL_CREATED_MESSAGE = 'Credential created successfully!';
