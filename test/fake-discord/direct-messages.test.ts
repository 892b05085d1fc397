/**
 * Self-test of the fake's DMs and member roles, with the real discord.js client: a DM channel opened
 * by `POST /users/@me/channels`, messages in it kept per user, closed DMs answered 403/50007 as
 * Discord does, interactions sent from a DM (no guild, no member), and members that hold roles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelType, Client, DiscordAPIError, Events, GatewayIntentBits, GuildMember, RESTJSONErrorCodes, Routes, type APIChannel, type Interaction } from 'discord.js';
import { DEFAULT_USER, FakeDiscord } from './fake-discord.js';

const TOKEN = `${'x'.repeat(24)}.${'y'.repeat(6)}.${'z'.repeat(27)}`;
const ROLE = { id: '1234567890123456789', name: 'curators' };
const OTHER_USER = { id: '2234567890123456789', username: 'other' };

let fake: FakeDiscord;
let client: Client;
/** What each interaction looked like to discord.js. */
const seen: { inGuild: boolean; channelId: string | null; channelType: ChannelType | null; roles: string[] | null }[] = [];

async function answer(interaction: Interaction): Promise<void> {
  if (!interaction.isChatInputCommand()) return;
  // The role cache always holds @everyone (the guild's id): only the roles a member was given count here.
  const roles = interaction.member instanceof GuildMember ? [...interaction.member.roles.cache.keys()].filter((id) => id !== interaction.guildId) : null;
  seen.push({ inGuild: interaction.inGuild(), channelId: interaction.channelId, channelType: interaction.channel?.type ?? null, roles });
  await interaction.reply({ content: 'ok' });
}

beforeAll(async () => {
  fake = await FakeDiscord.start({ roles: [ROLE] });
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiBase } });
  client.on(Events.InteractionCreate, (interaction) => void answer(interaction));
  await client.login(TOKEN);
  await fake.waitForReady();
});

afterAll(async () => {
  await client.destroy();
  await fake.close();
});

describe('DMs', () => {
  it('GIVEN POST /users/@me/channels twice THEN the same DM channel, and a message to it is kept for that user only', async () => {
    const first = (await client.rest.post(Routes.userChannels(), { body: { recipient_id: DEFAULT_USER.id } })) as APIChannel;
    const again = (await client.rest.post(Routes.userChannels(), { body: { recipient_id: DEFAULT_USER.id } })) as APIChannel;
    expect(first).toMatchObject({ type: ChannelType.DM, recipients: [{ id: DEFAULT_USER.id }] });
    expect(again.id).toBe(first.id);
    await client.rest.post(Routes.channelMessages(first.id), { body: { content: 'hello there', allowed_mentions: { parse: [] } } });
    expect(fake.dmsTo(DEFAULT_USER.id).map((m) => m.content)).toEqual(['hello there']);
    expect(fake.dmsTo(DEFAULT_USER.id)[0].guild_id).toBeUndefined();
    expect(fake.dmsTo(OTHER_USER.id)).toEqual([]);
  });

  it('GIVEN discord.js users.send THEN the DM arrives through the same routes', async () => {
    await client.users.send(OTHER_USER.id, { content: 'via discord.js' });
    expect(fake.dmsTo(OTHER_USER.id).map((m) => m.content)).toEqual(['via discord.js']);
  });

  it('GIVEN a user whose DMs are closed THEN the channel still opens but a message is refused with 403/50007, and nothing is kept; reopened THEN it arrives', async () => {
    fake.setDmsClosed(OTHER_USER.id);
    const channel = (await client.rest.post(Routes.userChannels(), { body: { recipient_id: OTHER_USER.id } })) as APIChannel;
    const refused = await client.rest.post(Routes.channelMessages(channel.id), { body: { content: 'nope' } }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DiscordAPIError);
    expect(refused).toMatchObject({ status: 403, code: RESTJSONErrorCodes.CannotSendMessagesToThisUser, message: 'Cannot send messages to this user' });
    expect(fake.dmsTo(OTHER_USER.id)).toHaveLength(1);
    fake.setDmsClosed(OTHER_USER.id, false);
    await client.rest.post(Routes.channelMessages(channel.id), { body: { content: 'yes' } });
    expect(fake.dmsTo(OTHER_USER.id).map((m) => m.content)).toEqual(['via discord.js', 'yes']);
  });

  it('GIVEN a recipient that is not a snowflake THEN 400/50035 naming recipient_id', async () => {
    const error = await client.rest.post(Routes.userChannels(), { body: { recipient_id: 'me' } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: 50035 });
    expect(String((error as Error).message)).toContain('recipient_id');
  });
});

describe('interactions from a DM, and members with roles', () => {
  it('GIVEN a command sent from a DM THEN discord.js sees no guild and no member; the reply is in the DM channel', async () => {
    const handle = await fake.sendCommand({ name: 'ping', dm: true });
    expect((await handle.response()).type).toBe(4);
    const reply = handle.currentMessage();
    expect(reply.guild_id).toBeUndefined();
    // As on Discord, a client without Partials.Channel does not cache DM channels: only the id is known.
    expect(seen.at(-1)).toEqual({ inGuild: false, channelId: reply.channel_id, channelType: null, roles: null });
  });

  it('GIVEN a member given a guild role THEN discord.js resolves it in the member’s role cache; without THEN none', async () => {
    await (await fake.sendCommand({ name: 'ping', roles: [ROLE.id] })).response();
    expect(seen.at(-1)).toMatchObject({ inGuild: true, channelType: ChannelType.GuildText, roles: [ROLE.id] });
    await (await fake.sendCommand({ name: 'ping' })).response();
    expect(seen.at(-1)?.roles).toEqual([]);
  });
});
