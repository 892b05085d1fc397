import type { APIEmbed } from 'discord.js';
import { ButtonStyle, ComponentType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { Limits } from '../../../bot/render/limits.js';
import { embedLength, prepareMessage } from '../../../bot/render/message.js';

const full = (i: number): APIEmbed => ({
  title: `T${i} ${'t'.repeat(300)}`,
  description: `d ${'word '.repeat(1000)}`,
  footer: { text: 'f'.repeat(3000) },
  author: { name: 'a'.repeat(300) },
  fields: Array.from({ length: 30 }, (_, f) => ({ name: `n${f}`.repeat(200), value: 'v '.repeat(800) })),
});

describe('prepareMessage', () => {
  it('GIVEN any message THEN mentions are disabled', () => {
    const out = prepareMessage({ content: '@everyone model merging <@123> <@&456>' });
    expect(out.allowedMentions).toEqual({ parse: [] });
    expect(out.content).toBe('@everyone model merging <@123> <@&456>');
  });

  it('GIVEN an empty message THEN content is an empty string and there are no embeds or components', () => {
    expect(prepareMessage({})).toEqual({ content: '', embeds: [], components: [], allowedMentions: { parse: [] } });
  });

  it('GIVEN content over 2000 characters THEN it is cut to 2000', () => {
    expect(prepareMessage({ content: 'x '.repeat(1500) }).content.length).toBeLessThanOrEqual(Limits.content);
  });

  it('GIVEN every embed field over its limit THEN each is cut to its own limit', () => {
    const [embed] = prepareMessage({ embeds: [full(0)] }).embeds;
    expect(embed?.title?.length).toBeLessThanOrEqual(Limits.embedTitle);
    expect(embed?.footer?.text.length).toBeLessThanOrEqual(Limits.embedFooter);
    expect(embed?.author?.name.length).toBeLessThanOrEqual(Limits.embedAuthor);
    expect(embed?.fields?.length).toBeLessThanOrEqual(Limits.embedFields);
    for (const field of embed?.fields ?? []) {
      expect(field.name.length).toBeLessThanOrEqual(Limits.embedFieldName);
      expect(field.value.length).toBeLessThanOrEqual(Limits.embedFieldValue);
    }
  });

  it('GIVEN 12 huge embeds THEN at most 10 remain and their total is within 6000', () => {
    const out = prepareMessage({ embeds: Array.from({ length: 12 }, (_, i) => full(i)) });
    expect(out.embeds.length).toBeLessThanOrEqual(Limits.embedsPerMessage);
    expect(out.embeds.reduce((sum, e) => sum + embedLength(e), 0)).toBeLessThanOrEqual(Limits.embedTotal);
  });

  it('GIVEN 10 embeds with 1000-character descriptions THEN all 10 stay, shortened evenly to fit 6000', () => {
    const embeds = Array.from({ length: 10 }, (_, i) => ({ title: `Paper ${i}`, description: 'lorem ipsum '.repeat(84) }));
    const out = prepareMessage({ embeds });
    expect(out.embeds).toHaveLength(10);
    const total = out.embeds.reduce((sum, e) => sum + embedLength(e), 0);
    expect(total).toBeLessThanOrEqual(Limits.embedTotal);
    expect(total).toBeGreaterThan(Limits.embedTotal - 200);
    const lengths = out.embeds.map((e) => e.description?.length ?? 0);
    expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThan(20);
  });

  it('GIVEN embeds totalling exactly 6000 THEN nothing is cut', () => {
    const embeds = [{ description: 'a'.repeat(4000) }, { description: 'b'.repeat(2000) }];
    expect(prepareMessage({ embeds }).embeds).toEqual(embeds);
  });

  it('GIVEN one short and one long description over the total THEN only the long one is shortened', () => {
    const out = prepareMessage({ embeds: [{ description: 'short' }, { description: 'x'.repeat(4096) }, { description: 'y'.repeat(4096) }] });
    expect(out.embeds[0]?.description).toBe('short');
    expect(out.embeds.reduce((sum, e) => sum + embedLength(e), 0)).toBeLessThanOrEqual(Limits.embedTotal);
  });

  it('GIVEN empty field names and values THEN they are replaced, since Discord rejects empty ones', () => {
    const [embed] = prepareMessage({ embeds: [{ fields: [{ name: '', value: '' }] }] }).embeds;
    expect(embed?.fields?.[0]?.name.length).toBeGreaterThan(0);
    expect(embed?.fields?.[0]?.value.length).toBeGreaterThan(0);
  });

  it('GIVEN a select with long labels and 30 options THEN options and labels are cut to the limits', () => {
    const out = prepareMessage({
      components: [
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.StringSelect,
              custom_id: 'papers:details',
              options: Array.from({ length: 30 }, (_, i) => ({ label: `L${i} ${'l'.repeat(200)}`, value: `v${i}`, description: 'd'.repeat(200) })),
            },
          ],
        },
      ],
    });
    const select = out.components[0]?.components[0];
    expect(select && 'options' in select ? select.options.length : 0).toBe(Limits.selectOptions);
    for (const option of select && 'options' in select ? select.options : []) {
      expect(option.label.length).toBeLessThanOrEqual(Limits.selectLabel);
      expect(option.description?.length).toBeLessThanOrEqual(Limits.selectDescription);
    }
  });

  it('GIVEN a custom_id of exactly 100 characters THEN it is accepted; 101 THEN it is refused as a bug', () => {
    const row = (customId: string) => ({
      type: ComponentType.ActionRow as const,
      components: [{ type: ComponentType.Button as const, style: ButtonStyle.Secondary as const, custom_id: customId, label: 'More' }],
    });
    expect(() => prepareMessage({ components: [row('x'.repeat(100))] })).not.toThrow();
    expect(() => prepareMessage({ components: [row('x'.repeat(101))] })).toThrow(/custom_id/);
  });
});
