import { findControlCharacter } from './control-characters';
import { HOSTNAME_MAX_LENGTH, isDeviceAddress, isHostname, isIpv4Address, isUrlAddress, URL_MAX_LENGTH } from './network-address';

/**
 * The rules for every field that names something on a device or reaches a template: each returns
 * null when the value is fine, else a sentence saying what is wrong and what to enter instead.
 * Defined once here; the credential and device upserts (so import and the CLI), bulk edit and the
 * editors all call these.
 */
export type FieldProblem = string | null;

export const USERNAME_MAX_LENGTH = 256;
export const TAG_MAX_LENGTH = 100;
export const TAG_MAX_COUNT = 100;
/** Short labels: device type, vendor, model, site, credential type, plugin and template names. */
export const LABEL_MAX_LENGTH = 200;
/** "Additional information" (the [#ADD_INFO#] tag): one line. Notes are a separate field. */
export const ADDITIONAL_MAX_LENGTH = 4000;

/** The value as a message shows it: quoted, escaped (control characters visible), cut when long. */
export function shownValue(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}

function tooLong(label: string, value: string, max: number): FieldProblem {
  return value.length > max ? `The ${label} is ${value.length.toLocaleString('en-US')} characters long; at most ${max.toLocaleString('en-US')} are allowed. Shorten it.` : null;
}

function controlCharacter(label: string, value: string): FieldProblem {
  const found = findControlCharacter(value);
  return found === null ? null : `The ${label} contains ${found.description} (at position ${found.index + 1}), which a terminal would act on instead of typing. Remove it.`;
}

/** Any single-line text: bounded, and no control character anywhere. */
export function textProblem(label: string, value: string, max: number): FieldProblem {
  return tooLong(label, value, max) ?? controlCharacter(label, value);
}

/**
 * A login name: any printable text (Windows and directory names have spaces, "\" and "@"), bounded,
 * not starting with "-": no system has such accounts, and a command would read it as an option
 * (`passwd -d` deletes the caller's password).
 */
export function usernameProblem(value: string): FieldProblem {
  if (value.startsWith('-')) return `The username ${shownValue(value)} starts with "-", which commands on the device would read as an option. Enter the account's real name.`;
  return textProblem('username', value, USERNAME_MAX_LENGTH);
}

/** An RFC 1123 host name, or a URL (a device can be a web site). */
export function hostnameProblem(value: string, label = 'hostname'): FieldProblem {
  const basic = textProblem(label, value, URL_MAX_LENGTH);
  if (basic !== null) return basic;
  if (isHostname(value) || isUrlAddress(value)) return null;
  if (value.length > HOSTNAME_MAX_LENGTH && !value.includes('://')) {
    return `The ${label} is ${value.length.toLocaleString('en-US')} characters long; a hostname has at most ${HOSTNAME_MAX_LENGTH}. Enter the device's real name.`;
  }
  return `The ${label} ${shownValue(value)} is not a valid hostname: use letters, digits, hyphens, underscores and dots (RFC 1123, e.g. db-01.example.com), or a URL such as https://www.example.com.`;
}

/** An IPv4 or IPv6 address, or a URL (a web site, or a device known only by a DNS name). */
export function ipProblem(value: string, label = 'IP'): FieldProblem {
  const basic = textProblem(label, value, URL_MAX_LENGTH);
  if (basic !== null) return basic;
  if (isDeviceAddress(value)) return null;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(value) && !isIpv4Address(value)) {
    return `The ${label} ${shownValue(value)} is not an IPv4 address: each of its four numbers is 0 to 255, without leading zeros. Correct it.`;
  }
  return `The ${label} ${shownValue(value)} is not an IP address: enter an IPv4 address (10.0.0.5), an IPv6 address (fd00::5) or a URL (https://www.example.com).`;
}

/** One tag: no comma (the list separator), bounded, one line. */
export function tagProblem(tag: string): FieldProblem {
  if (tag.includes(',')) return `The tag ${shownValue(tag)} contains a comma, which separates tags. Split it into two tags.`;
  return textProblem(`tag ${shownValue(tag)}`, tag, TAG_MAX_LENGTH);
}

/** A comma-separated tag list, as the seed sends it. */
export function tagListProblem(text: string, label = 'tags'): FieldProblem {
  const tags = text.split(',').map((tag) => tag.trim()).filter((tag) => tag !== '');
  if (tags.length > TAG_MAX_COUNT) return `The ${label} hold ${tags.length} tags; at most ${TAG_MAX_COUNT} are allowed. Remove some.`;
  for (const tag of tags) {
    const problem = tagProblem(tag);
    if (problem !== null) return problem;
  }
  return null;
}
