import { z } from 'zod';
import { ROLES } from '../roles';
import { channel, noPayload } from './channel-spec';

export const USER_STATES = ['active', 'disabled', 'removed'] as const;
export type UserState = (typeof USER_STATES)[number];

export const userViewSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: z.enum(ROLES),
  /** A removed user's row stays (the audit trail keeps their name); they can never sign in again. */
  state: z.enum(USER_STATES),
  createdAt: z.string(),
});

const userIdSchema = z.object({ userId: z.string().min(1).max(100) }).strict();

const rotationSchema = z.object({ generation: z.number().int(), resealed: z.number().int() });

/**
 * User lifecycle (seed 001's Manage Approvers), administrators only. Removing a user, or demoting
 * one from a role that may decrypt secrets, rotates the vault's keys before it answers.
 */
export const userChannels = {
  'user.setRole': channel({ request: z.object({ userId: z.string().min(1).max(100), role: z.enum(ROLES) }).strict(), response: userViewSchema, requires: 'user.manage' }),
  'user.disable': channel({ request: userIdSchema, response: userViewSchema, requires: 'user.manage' }),
  'user.enable': channel({ request: userIdSchema, response: userViewSchema, requires: 'user.manage' }),
  'user.remove': channel({ request: userIdSchema, response: userViewSchema.extend({ generation: z.number().int() }), requires: 'user.manage' }),
  'vault.rotateKeys': channel({ request: noPayload, response: rotationSchema, requires: 'user.manage' }),
} as const;
