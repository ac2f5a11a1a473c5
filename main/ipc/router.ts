import { channels, isChannelName, type ChannelName } from '../../shared/contract/channels';
import { AppFailure, type AppError } from '../../shared/errors';
import { fail, ok, type Result } from '../../shared/result';
import type { Shell } from '../../shared/shells';
import type { Logger } from '../logging/logger';
import type { CallContext, Handler, Handlers } from './handlers';
import { requirementRefusal } from './permission-check';
import type { Sender, SenderTrust } from './sender';
import type { Session } from './session';

export interface RouterOptions {
  readonly shell: Shell;
  readonly handlers: Handlers;
  readonly isTrustedSender: SenderTrust;
  readonly sessionOf: (sender: Sender) => Session | undefined;
  readonly logger: Logger;
}

export interface Router {
  /** Never throws: every outcome, including a hostile payload, is a Result. */
  handle(sender: Sender, channel: unknown, payload: unknown): Promise<Result<unknown>>;
}

/**
 * The one door into main. Order matters: an untrusted sender learns nothing (not even whether a
 * channel exists); a known channel's payload is validated before anyone looks at who is signed in;
 * the handler runs only with a checked payload and a checked session.
 */
export function createRouter(options: RouterOptions): Router {
  const { handlers, isTrustedSender, sessionOf, logger, shell } = options;

  // The last guard of "never throws": anything that escapes the checks below (a hostile value
  // that breaks a message, a shell's trust rule that throws) still answers an envelope.
  async function handle(sender: Sender, channel: unknown, payload: unknown): Promise<Result<unknown>> {
    try {
      return await route(sender, channel, payload);
    } catch (error) {
      logger.error('ipc.router_failed', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      return fail({ code: 'INTERNAL', message: 'pamdesk failed while reading this request; nothing was changed. See the log for details.' });
    }
  }

  async function route(sender: Sender, channel: unknown, payload: unknown): Promise<Result<unknown>> {
    if (!isTrustedSender(sender)) {
      logger.warn('ipc.refused', { reason: 'untrusted sender', sender: sender.kind });
      return fail({ code: 'UNTRUSTED_SENDER', message: 'This message did not come from a trusted pamdesk window or session and was refused.' });
    }
    if (!isChannelName(channel)) {
      return fail({
        code: 'UNKNOWN_CHANNEL',
        message: 'This window asked for something this version of pamdesk does not know. Update pamdesk so the window and the core match.',
        details: { channel: describeChannel(channel) },
      });
    }
    const spec = channels[channel];
    const parsed = spec.request.safeParse(payload ?? {});
    if (!parsed.success) {
      return fail({
        code: 'BAD_REQUEST',
        // In the user's words: what is wrong with which value, never the channel's name (kept in
        // details for the log and for the renderer's field mapping).
        message: `Some of what was entered is not valid (${describeIssues(parsed.error.issues)}). Correct it and try again.`,
        details: { channel, issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) },
      });
    }
    const session = sessionOf(sender);
    const refusal = checkRequirement(channel, session);
    if (refusal) return fail(refusal);

    const context: CallContext = { sender, shell, session };
    try {
      // The handler map is keyed by the same name, so this lookup is well-typed per channel; the
      // cast only widens the request to what the map's union of handlers accepts.
      const handler = handlers[channel] as Handler<ChannelName>;
      const value = await handler(parsed.data as never, context);
      return ok(value);
    } catch (error) {
      return fail(toAppError(error, channel, logger));
    }
  }

  return { handle };
}

function checkRequirement(channel: ChannelName, session: Session | undefined): AppError | undefined {
  return requirementRefusal(channels[channel].requires, session);
}

function toAppError(error: unknown, channel: ChannelName, logger: Logger): AppError {
  if (error instanceof AppFailure) return error.toAppError();
  // An unexpected error is logged in main with its stack; the renderer gets no internals.
  logger.error('ipc.handler_failed', { channel, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  return { code: 'INTERNAL', message: 'pamdesk could not finish this action because of an internal error; nothing was changed by the failed step. Try again, and if it happens again, send the log to your administrator.', details: { channel } };
}

/** A channel name for a message, whatever was sent: a hostile object may not even convert to a string. */
function describeChannel(channel: unknown): string {
  return typeof channel === 'string' ? JSON.stringify(channel.slice(0, 80)) : `(a ${channel === null ? 'null' : typeof channel}, not a name)`;
}

function describeIssues(issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
