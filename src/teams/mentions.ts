import type { Mention } from 'botbuilder';
import { addressOf, isEmailPerson } from '../core';
import { escapeMarkdown } from './cards/markdown';

/** Params of notices and replies that hold user ids (`people`: a comma list of them). */
const PERSON_PARAMS = ['actor', 'person', 'people'] as const;

export interface MentionText {
  params: Record<string, string | number>;
  entities: Mention[];
}

const mentionTag = (name: string) => `<at>${name.replace(/[<>]/g, '')}</at>`;

function mentionEntity(id: string, names: Map<string, string>): Mention {
  const name = names.get(id) ?? id;
  return { type: 'mention', text: mentionTag(name), mentioned: { id, name } } as Mention;
}

/** The user ids a message will mention: those in its params plus any extra ones. */
export function personIds(params: Record<string, string | number>, extra: readonly string[] = []): string[] {
  const ids = PERSON_PARAMS.flatMap((key) => String(params[key] ?? '').split(',')).map((s) => s.trim());
  return [...new Set([...ids, ...extra].filter(Boolean))];
}

/**
 * Replaces user ids in params with `<at>Name</at>` and returns the mention entities Teams needs
 * to turn them into real mentions; `extra` people are mentioned ahead of the text.
 */
export function withMentions(params: Record<string, string | number>, names: Map<string, string>, extra: readonly string[] = []): MentionText & { prefix: string } {
  const entities = new Map<string, Mention>();
  const mention = (id: string) => {
    // An e-mail person is no Teams user: their address, as text (escaped: the caller places it as markup).
    if (isEmailPerson(id)) return escapeMarkdown(addressOf(id));
    const entity = entities.get(id) ?? mentionEntity(id, names);
    entities.set(id, entity);
    return entity.text!;
  };
  const out: Record<string, string | number> = { ...params };
  for (const key of PERSON_PARAMS) {
    const value = params[key];
    if (typeof value !== 'string' || value === '') continue;
    out[key] = value.split(',').map((id) => mention(id.trim())).join(', ');
  }
  const ahead = extra.filter((id) => !entities.has(id) && !isEmailPerson(id)).map(mention);
  return { params: out, entities: [...entities.values()], prefix: ahead.length ? `${ahead.join(' ')} ` : '' };
}

/**
 * The entities whose `<at>` tag the final text shows. Teams refuses (400) a mention entity
 * whose tag is not in the text, and a template need not use every param that names someone
 * (the first-response alert carries the requester but names only the ticket).
 */
export function shownMentions(text: string, entities: readonly Mention[]): Mention[] {
  return entities.filter((e) => Boolean(e.text) && text.includes(e.text!));
}
