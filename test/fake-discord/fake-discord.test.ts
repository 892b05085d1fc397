/**
 * Self-test of the fake: the real discord.js client logs in against it, answers every kind of
 * interaction the bot uses, survives gateway drops and retries injected REST failures.
 */
import { once } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import {
  ActionRowBuilder, ApplicationCommandOptionType, ButtonBuilder, ButtonStyle, Client, DiscordAPIError, Events,
  GatewayIntentBits, GatewayOpcodes, InteractionResponseType, MessageFlags, Routes, type Interaction, type TextChannel,
} from 'discord.js';
import { FakeDiscord, type RecordedRequest } from './fake-discord.js';

/** discord.js never checks a token's shape; this one merely looks like a real one. */
const TOKEN = `${'x'.repeat(24)}.${'y'.repeat(6)}.${'z'.repeat(27)}`;

let fake: FakeDiscord;
let client: Client;
const handlerErrors: unknown[] = [];
/** What the bot side observed, for assertions the REST log cannot make. */
const seen: { responseMessageId?: string; fetchedContent?: string; componentMessageId?: string; commandId?: string; tooLongCode?: unknown } = {};

const buttons = new ActionRowBuilder<ButtonBuilder>().addComponents(
  new ButtonBuilder().setCustomId('again').setLabel('Again').setStyle(ButtonStyle.Primary),
);

async function answer(interaction: Interaction): Promise<void> {
  if (interaction.isAutocomplete()) {
    await interaction.respond([{ name: `Result for ${interaction.options.getFocused()}`, value: 'paper-1' }]);
  } else if (interaction.isButton()) {
    seen.componentMessageId = interaction.message.id;
    await interaction.update({ content: `clicked ${interaction.customId}`, components: [] });
  } else if (interaction.isStringSelectMenu()) {
    await interaction.reply({ content: `picked ${interaction.values.join(',')}` });
  } else if (interaction.isChatInputCommand()) {
    seen.commandId = interaction.commandId;
    switch (interaction.commandName) {
      case 'ping': return void (await interaction.reply({ content: 'pong' }));
      case 'echo': return void (await interaction.reply({ content: interaction.options.getString('text', true) }));
      case 'buttons': return void (await interaction.reply({ content: 'choose', components: [buttons] }));
      case 'file': return void (await interaction.reply({ content: 'file', files: [{ attachment: Buffer.from('hello'), name: 'hello.txt' }] }));
      case 'slow':
        await interaction.deferReply();
        await interaction.editReply({ content: 'done' });
        return void (await interaction.followUp({ content: 'extra', flags: MessageFlags.Ephemeral }));
      case 'response': {
        const response = await interaction.reply({ content: 'with response', withResponse: true });
        seen.responseMessageId = response.resource?.message?.id;
        seen.fetchedContent = (await interaction.fetchReply()).content;
        return;
      }
      case 'too-long':
        try {
          await interaction.reply({ content: 'x'.repeat(2001) });
        } catch (error) {
          seen.tooLongCode = error instanceof DiscordAPIError ? error.code : error;
          await interaction.reply({ content: 'too long' });
        }
        return;
      default: throw new Error(`unexpected command ${interaction.commandName}`);
    }
  }
}

const callbacksOf = (id: string): RecordedRequest[] => fake.requests.filter((r) => r.path.startsWith(`/interactions/${id}/`));

beforeAll(async () => {
  fake = await FakeDiscord.start();
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiBase } });
  client.on(Events.InteractionCreate, (interaction) => {
    answer(interaction).catch((error: unknown) => handlerErrors.push(error));
  });
  const ready = once(client, Events.ClientReady);
  await client.login(TOKEN);
  await ready;
});

afterEach(() => {
  expect(handlerErrors).toEqual([]);
});

afterAll(async () => {
  await client?.destroy();
  await fake?.close();
});

describe('FakeDiscord login', () => {
  it('GIVEN a fresh client WHEN it logs in THEN it identifies once and caches the guild, its text channels and itself', () => {
    expect(fake.identifyCount).toBe(1);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toContain('GET /gateway/bot');
    const guild = client.guilds.cache.get(fake.guildId);
    expect(guild?.available).toBe(true);
    for (const id of fake.channelIds) expect(client.channels.cache.get(id)?.isTextBased()).toBe(true);
    expect(client.user?.id).toBe(fake.applicationId);
    expect(guild?.members.me?.id).toBe(fake.applicationId);
  });
});

describe('FakeDiscord interactions', () => {
  it('GIVEN a chat command WHEN the bot replies THEN the callback is type 4, answered 204, without with_response', async () => {
    const handle = await fake.sendCommand({ name: 'ping' });
    const response = await handle.response();
    expect(response).toMatchObject({ type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'pong' } });
    expect(callbacksOf(handle.id).map((r) => [r.status, r.query.get('with_response')])).toEqual([[204, 'false']]);
    expect(handle.currentMessage()).toMatchObject({ content: 'pong', author: { id: fake.applicationId } });
  });

  it('GIVEN a string option THEN the bot reads it through discord.js', async () => {
    const handle = await fake.sendCommand({ name: 'echo', options: [{ name: 'text', type: ApplicationCommandOptionType.String, value: 'hi there' }] });
    expect((await handle.response()).data.content).toBe('hi there');
  });

  it('GIVEN deferReply + editReply + followUp THEN the fake records all three and the message loses its loading flag', async () => {
    const handle = await fake.sendCommand({ name: 'slow' });
    expect((await handle.response()).type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect((await handle.edit()).content).toBe('done');
    await vi.waitFor(() => expect(handle.followUps()).toHaveLength(1));
    expect(handle.followUps()[0]).toMatchObject({ content: 'extra', flags: MessageFlags.Ephemeral });
    const message = handle.currentMessage();
    expect(message.content).toBe('done');
    expect(message.flags & MessageFlags.Loading).toBe(0);
  });

  it('GIVEN an autocomplete with a focused option THEN respond() sends type 8 choices', async () => {
    const handle = await fake.sendAutocomplete({ name: 'search', options: [{ name: 'query', type: ApplicationCommandOptionType.String, value: 'diff', focused: true }] });
    const response = await handle.response();
    expect(response).toEqual({ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [{ name: 'Result for diff', value: 'paper-1' }] } });
  });

  it('GIVEN a button on a reply WHEN it is clicked THEN update() rewrites that same message', async () => {
    const command = await fake.sendCommand({ name: 'buttons' });
    await command.response();
    const messageId = command.currentMessage().id as string;
    const click = await fake.sendComponent({ customId: 'again', componentType: 2, messageId });
    expect(await click.response()).toMatchObject({ type: InteractionResponseType.UpdateMessage, data: { content: 'clicked again', components: [] } });
    expect(seen.componentMessageId).toBe(messageId);
    expect(command.currentMessage()).toMatchObject({ id: messageId, content: 'clicked again', components: [] });
  });

  it('GIVEN a string select THEN the bot sees the chosen values', async () => {
    const handle = await fake.sendComponent({ customId: 'pick', componentType: 3, values: ['a', 'b'] });
    expect((await handle.response()).data.content).toBe('picked a,b');
  });

  it('GIVEN reply({withResponse: true}) THEN the fake answers 200 with the created message, and fetchReply() finds it', async () => {
    const handle = await fake.sendCommand({ name: 'response' });
    await handle.response();
    expect(callbacksOf(handle.id).map((r) => [r.status, r.query.get('with_response')])).toEqual([[200, 'true']]);
    await vi.waitFor(() => expect(seen.fetchedContent).toBe('with response'));
    expect(seen.responseMessageId).toBe(handle.currentMessage().id);
  });

  it('GIVEN a reply with a file THEN the multipart payload_json is parsed and the file recorded', async () => {
    const handle = await fake.sendCommand({ name: 'file' });
    expect((await handle.response()).data.content).toBe('file');
    expect(callbacksOf(handle.id)[0]?.files).toEqual([expect.objectContaining({ field: 'files[0]', name: 'hello.txt', size: 5 })]);
    expect(handle.currentMessage().attachments[0].filename).toBe('hello.txt');
  });

  it('GIVEN content over 2000 characters THEN the fake rejects it like Discord (400, code 50035)', async () => {
    const handle = await fake.sendCommand({ name: 'too-long' });
    expect((await handle.response()).data.content).toBe('too long');
    expect(seen.tooLongCode).toBe(50035);
    expect(callbacksOf(handle.id).map((r) => r.status)).toEqual([400, 204]);
  });

  it('GIVEN a 429 injected on the callback THEN discord.js waits retry_after and retries', async () => {
    fake.failNext((method, path) => method === 'POST' && path.endsWith('/callback'), 429);
    const handle = await fake.sendCommand({ name: 'ping' });
    expect((await handle.response()).data.content).toBe('pong');
    expect(callbacksOf(handle.id).map((r) => r.status)).toEqual([429, 204]);
  });
});

describe('FakeDiscord REST', () => {
  it('GIVEN guild commands deployed THEN they get ids and a command interaction carries its registered id', async () => {
    const deployed = await client.rest.put(Routes.applicationGuildCommands(fake.applicationId, fake.guildId), {
      body: [{ name: 'ping', description: 'Replies pong' }],
    }) as { id: string; name: string }[];
    expect(deployed).toEqual([expect.objectContaining({ name: 'ping', id: expect.stringMatching(/^\d{17,20}$/) })]);
    const handle = await fake.sendCommand({ name: 'ping' });
    await handle.response();
    expect(seen.commandId).toBe(deployed[0]?.id);
  });

  it('GIVEN an invalid command name THEN the deploy fails with 50035', async () => {
    await expect(client.rest.put(Routes.applicationCommands(fake.applicationId), { body: [{ name: 'Bad Name', description: 'x' }] }))
      .rejects.toMatchObject({ status: 400, code: 50035 });
  });

  it('GIVEN a 500 on a channel post THEN discord.js retries and the message is stored once', async () => {
    const channelId = fake.channelIds[0] ?? '';
    fake.failNext((method, path) => method === 'POST' && path === `/channels/${channelId}/messages`, 500);
    await (client.channels.cache.get(channelId) as TextChannel).send({ content: 'digest' });
    expect(fake.channelMessages(channelId)).toEqual([expect.objectContaining({ content: 'digest', channel_id: channelId })]);
    expect(fake.requests.filter((r) => r.path === `/channels/${channelId}/messages`).map((r) => r.status)).toEqual([500, 200]);
  });

  it('GIVEN a deleted or forbidden channel THEN posts fail with 10003 or 50001', async () => {
    const channelId = fake.channelIds[1] ?? '';
    const channel = client.channels.cache.get(channelId) as TextChannel;
    fake.setChannelState(channelId, 'deleted');
    await expect(channel.send('x')).rejects.toMatchObject({ status: 404, code: 10003 });
    fake.setChannelState(channelId, 'forbidden');
    await expect(channel.send('x')).rejects.toMatchObject({ status: 403, code: 50001 });
    fake.setChannelState(channelId, 'ok');
    await channel.send('x');
    expect(fake.channelMessages(channelId)).toHaveLength(1);
  });

  it('GIVEN an unknown route THEN it is answered 404 and recorded', async () => {
    await expect(client.rest.get('/not/a/route')).rejects.toMatchObject({ status: 404 });
    expect(fake.requests.at(-1)).toMatchObject({ method: 'GET', path: '/not/a/route', status: 404 });
  });
});

describe('FakeDiscord gateway', () => {
  it('GIVEN a raw socket THEN HELLO comes first, heartbeats are ACKed and an unknown session cannot resume', async () => {
    const socket = new WebSocket(`${fake.apiBase.replace('http', 'ws').replace('/api', '')}/?v=10&encoding=json`);
    const packets: { op: number; d: unknown }[] = [];
    socket.on('message', (data) => packets.push(JSON.parse(data.toString()) as { op: number; d: unknown }));
    await once(socket, 'open');
    socket.send(JSON.stringify({ op: GatewayOpcodes.Heartbeat, d: null }));
    socket.send(JSON.stringify({ op: GatewayOpcodes.Resume, d: { token: TOKEN, session_id: 'nope', seq: 1 } }));
    await vi.waitFor(() => expect(packets.map((p) => p.op)).toEqual([GatewayOpcodes.Hello, GatewayOpcodes.HeartbeatAck, GatewayOpcodes.InvalidSession]));
    expect(packets[2]?.d).toBe(false);
    socket.close();
  });

  it('GIVEN a dropped socket (4000) THEN discord.js RESUMEs and the next command is answered', async () => {
    fake.dropGateway();
    await fake.waitForReady();
    expect(fake.resumeCount).toBe(1);
    expect(fake.identifyCount).toBe(1);
    expect((await (await fake.sendCommand({ name: 'ping' })).response()).data.content).toBe('pong');
  });

  it('GIVEN op 7 RECONNECT THEN discord.js RESUMEs again', async () => {
    fake.dropGateway('reconnect-op');
    await fake.waitForReady();
    expect(fake.resumeCount).toBe(2);
    expect((await (await fake.sendCommand({ name: 'ping' })).response()).data.content).toBe('pong');
  });

  it('GIVEN a normal close (1000) THEN discord.js IDENTIFYs afresh and still answers', async () => {
    // discord.js spaces IDENTIFYs 5-6.5 s apart on its own; a client without that throttle keeps this test fast.
    await client.destroy();
    const fresh = new Client({
      intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiBase },
      ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => undefined }) },
    });
    fresh.on(Events.InteractionCreate, (interaction) => {
      answer(interaction).catch((error: unknown) => handlerErrors.push(error));
    });
    try {
      await fresh.login(TOKEN);
      const identifiesBefore = fake.identifyCount;
      fake.dropGateway({ code: 1000 });
      await fake.waitForReady();
      expect(fake.identifyCount).toBe(identifiesBefore + 1);
      expect((await (await fake.sendCommand({ name: 'ping' })).response()).data.content).toBe('pong');
    } finally {
      await fresh.destroy();
    }
  });
});
