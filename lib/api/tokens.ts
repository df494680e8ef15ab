/** What Settings shows of a personal access token (never the token itself, which exists only once). */
export const TOKEN_SCOPES = ['read', 'write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export interface ApiTokenView {
  id: string;
  name: string;
  scope: TokenScope;
  /** The token's first characters, to tell tokens apart. */
  hint: string;
  createdAt: string;
  lastUsedAt: string | null;
}
