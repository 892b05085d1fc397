/**
 * Discord's hard limits, named once. Every number here comes from Discord's
 * API documentation (embed limits, message limits, component limits); a
 * payload over any of them is rejected with a 400, so the renderer enforces
 * them before anything is sent.
 */
export const Limits = {
  /** Plain message content. */
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  embedAuthor: 256,
  embedFields: 25,
  /** Sum of title, description, field names/values, footer and author over ALL embeds of one message. */
  embedTotal: 6000,
  embedsPerMessage: 10,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  selectOptions: 25,
  selectLabel: 100,
  selectDescription: 100,
  selectValue: 100,
  selectPlaceholder: 150,
  buttonLabel: 80,
  customId: 100,
  actionRows: 5,
} as const;
