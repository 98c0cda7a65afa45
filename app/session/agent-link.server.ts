import { z } from 'zod';
import { CASE_ID_PATTERN } from '~/cases/case-store';
import { openPayload, sealPayload, type SealPurpose } from './sealed-token.server';

/**
 * The link an agent opens a case with, from its Gorgias ticket or the sidebar: `/agent/cases/<token>`.
 * The token carries the case id and an expiry, sealed (AES-256-GCM, sealed-token.server.ts) under
 * a key of its own purpose, so a shopper's order link can never pass for it, nor it for one. It
 * names no order and no person; the case id is only readable by the portal. Stateless: any portal
 * process opens it with no database read.
 */
export type AgentLinkClaims = { caseId: string; expiresAt: Date };

const PURPOSE: SealPurpose = { keyInfo: 'agent-link/aes-256-gcm/v1', associatedData: 'comptoir:agent-link:v1' };

const WireSchema = z.object({ c: z.string().regex(CASE_ID_PATTERN), e: z.number().int().positive() });

export function mintAgentLinkToken(claims: AgentLinkClaims, secret: string): string {
  return sealPayload(PURPOSE, { c: claims.caseId, e: Math.floor(claims.expiresAt.getTime() / 1000) }, secret);
}

export type AgentLinkCheck = { ok: true; claims: AgentLinkClaims } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * A genuine token's claims. `expired` is told apart from `invalid` only for a genuine token (the
 * agent learns to ask for a fresh link); an altered one says nothing about what it held.
 */
export function readAgentLinkToken(token: string, secret: string, now: Date): AgentLinkCheck {
  const wire = WireSchema.safeParse(openPayload(PURPOSE, token, secret));
  if (!wire.success) return { ok: false, reason: 'invalid' };
  if (wire.data.e * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { caseId: wire.data.c, expiresAt: new Date(wire.data.e * 1000) } };
}

/** `<portal>/agent/cases/<token>`, valid `ttlMs` from `now`. */
export function toAgentCaseUrl(options: { publicUrl: string; secret: string; ttlMs: number }, caseId: string, now: Date): string {
  const token = mintAgentLinkToken({ caseId, expiresAt: new Date(now.getTime() + options.ttlMs) }, options.secret);
  return `${options.publicUrl}/agent/cases/${token}`;
}
