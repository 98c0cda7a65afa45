import { z } from 'zod';
import { parseListQuery, pathId, requireFound, type ApiContext } from './context.server';
import { paginate } from './pagination.server';
import { json } from './responses.server';
import type { EmailIntegration, Team, TicketField } from './store.server';

/*
 * The account's teams and integrations, read-only: what an admin set up in Gorgias and the portal
 * only refers to by id (`assignee_team`, `integration_id`). Field sets beyond id, name and type
 * are our inference of the reference pages, kept small.
 */

const toTeamJson = (team: Team) => ({ ...team, uri: `/api/teams/${team.id}`, description: null, decoration: null, members: [] });

function toIntegrationJson(integration: EmailIntegration) {
  const { address, ...fields } = integration;
  return { ...fields, uri: `/api/integrations/${integration.id}`, type: 'email', meta: { address }, deactivated_datetime: null };
}

/** `GET /api/teams`. */
export function listTeams(ctx: ApiContext): Response {
  return json(paginate(ctx.store.teams, parseListQuery(ctx.url, {}), '/api/teams', toTeamJson));
}

/** `GET /api/teams/{id}`. */
export function getTeam(ctx: ApiContext): Response {
  return json(toTeamJson(requireFound(ctx.store.teams.find((team) => team.id === pathId(ctx)))));
}

/** `GET /api/integrations?type=email`: the sandbox account has email integrations only. */
export function listIntegrations(ctx: ApiContext): Response {
  const query = parseListQuery(ctx.url, { type: z.string().min(1).optional() });
  const found = query.type === undefined || query.type === 'email' ? ctx.store.emailIntegrations : [];
  return json(paginate(found, query, '/api/integrations', toIntegrationJson));
}

function toCustomFieldJson(field: TicketField) {
  const { data_type: dataType, ...fields } = field;
  return {
    ...fields, uri: `/api/custom-fields/${field.id}`, object_type: 'Ticket', definition: { data_type: dataType, input_settings: {} },
    required: false, priority: field.id, description: null, external_id: null, deactivated_datetime: null,
  };
}

/** `GET /api/custom-fields?object_type=Ticket|Customer`: the sandbox account defines ticket fields only. */
export function listCustomFields(ctx: ApiContext): Response {
  const query = parseListQuery(ctx.url, { object_type: z.enum(['Ticket', 'Customer']) });
  return json(paginate(query.object_type === 'Ticket' ? ctx.store.ticketFields : [], query, '/api/custom-fields', toCustomFieldJson));
}
