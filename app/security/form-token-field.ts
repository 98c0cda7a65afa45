/** The hidden field every posted form carries its anti-forgery token in (see form-guard.server.ts). */
export const FORM_TOKEN_FIELD = 'csrf';
