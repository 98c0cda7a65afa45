import type { CaseEvent } from '~/cases/case-store';
import { toNoteExternalId } from './ticket-fields';

/*
 * Which case events share one internal note. A submitted return logs `shopify.returns_opened`,
 * `submitted_to_store` and `approved_by_store` within milliseconds; one note each read as three
 * near-identical notes arriving at once. Events that follow each other closely are one moment
 * for an agent, so they get one note. The case's `received` event keeps its own note: the full
 * context, with the photos.
 *
 * Idempotence stays state-based: a note's `external_id` names every event it covers, so a sync
 * reads from the ticket which events are already told and never tells one twice, whatever
 * batches an earlier attempt made.
 */

/** Events closer than this to the one before them are told in the same note. */
export const TOGETHER_MS = 60_000;
/** Keeps an `external_id` far under Gorgias's 255 characters. */
const MAX_EVENTS_PER_NOTE = 10;

type NotedEvent = Pick<CaseEvent, 'id' | 'type' | 'at'>;

export type NoteBatch<E extends NotedEvent> = { externalId: string; events: E[] };

/** One event keeps the `<case>:event:<id>` of notes posted before batching; several list their ids. */
export const toBatchExternalId = (caseId: string, eventIds: number[]) =>
  eventIds.length === 1 ? toNoteExternalId(caseId, eventIds[0]!) : `${caseId}:events:${eventIds.join('+')}`;

/** The event ids a note of this case covers, from its `external_id`; null for any other message. */
export function parseNoteEventIds(caseId: string, externalId: string | null): number[] | null {
  if (!externalId?.startsWith(`${caseId}:`)) return null;
  const match = /^events?:(\d+(?:\+\d+)*)$/.exec(externalId.slice(caseId.length + 1));
  return match ? match[1]!.split('+').map(Number) : null;
}

/** Ids of the events the ticket's notes already tell. */
export function toToldEventIds(caseId: string, externalIds: Iterable<string>): Set<number> {
  const told = new Set<number>();
  for (const externalId of externalIds) for (const id of parseNoteEventIds(caseId, externalId) ?? []) told.add(id);
  return told;
}

/**
 * The notes still to post, oldest first, for the case's noted events in log order. A batch
 * takes consecutive untold events, each within TOGETHER_MS of the one before; an event already
 * told, or `received`, ends it.
 */
export function toNoteBatches<E extends NotedEvent>(caseId: string, noted: E[], told: ReadonlySet<number>): NoteBatch<E>[] {
  const batches: E[][] = [];
  let current: E[] | null = null;
  for (const event of noted) {
    if (told.has(event.id)) {
      current = null;
      continue;
    }
    const previous = current?.at(-1);
    const joins = current && previous && event.type !== 'received' && current[0]!.type !== 'received'
      && current.length < MAX_EVENTS_PER_NOTE && event.at.getTime() - previous.at.getTime() <= TOGETHER_MS;
    if (joins) current!.push(event);
    else batches.push((current = [event]));
  }
  return batches.map((events) => ({ externalId: toBatchExternalId(caseId, events.map((event) => event.id)), events }));
}
