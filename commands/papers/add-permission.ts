/**
 * Who may `/papers add`: everyone, unless ADD_PAPERS_ROLE names a role —
 * then only members holding it, checked on every run from the member
 * Discord sends with the interaction (a server's role changes count at
 * once). A DM has no member, hence no roles: with a role configured it is
 * refused there (the role can only be checked inside the server); without
 * one, adding from a DM is as open as adding in the server.
 */
import type { ChatInputCommandInteraction } from 'discord.js';

export type AddPermission = { readonly ok: true } | { readonly ok: false; readonly message: string };

/** A role mention: rendered as the role's name, and never a ping (every message disables mentions). */
const role = (roleId: string): string => `<@&${roleId}>`;

export function mayAddPapers(interaction: ChatInputCommandInteraction, roleId: string | undefined): AddPermission {
  if (roleId === undefined) return { ok: true };
  const { member } = interaction;
  if (member === null) {
    return { ok: false, message: `Adding papers is limited to members with the ${role(roleId)} role, which I can only check in the server: run /papers add there.` };
  }
  // A cached GuildMember exposes a role manager; an uncached member is Discord's raw object with an id list.
  const holds = Array.isArray(member.roles) ? member.roles.includes(roleId) : member.roles.cache.has(roleId);
  return holds ? { ok: true } : { ok: false, message: `Only members with the ${role(roleId)} role can add papers.` };
}
