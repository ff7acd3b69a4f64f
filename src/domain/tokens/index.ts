import { z } from 'zod';
import type { Command, Decider, DomainEvent } from '../shared/decider.js';
import { notFoundError, ruleError } from '../shared/errors.js';

/**
 * The API token register. Tokens are recorded as events like any other record, so minting and
 * revoking leave the same audit trail as a filing. The clear token never enters the log: only its
 * SHA-256, which is enough to recognise it and useless to present.
 */

export const TOKEN_CATEGORY = 'token';
export const toTokenStreamId = (id: string): string => `${TOKEN_CATEGORY}-${id}`;

export const roleSchema = z.enum(['admin', 'officer', 'auditor', 'reporter']);
export type Role = z.infer<typeof roleSchema>;

export const tokenIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" or "-", at most 64');

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');

export const mintTokenSchema = z.object({
  id: tokenIdSchema,
  name: z.string().trim().min(1).max(100),
  role: roleSchema,
  tokenHash: sha256Hex,
  mintedBy: z.string().min(1),
});

export const revokeTokenSchema = z.object({ id: tokenIdSchema, revokedBy: z.string().min(1) });

export type MintToken = z.infer<typeof mintTokenSchema>;
export type RevokeToken = z.infer<typeof revokeTokenSchema>;

export const tokenCommandSchemas = { MintToken: mintTokenSchema, RevokeToken: revokeTokenSchema } as const;

export type TokenCommand = Command<'MintToken', MintToken> | Command<'RevokeToken', RevokeToken>;

export type TokenMinted = DomainEvent<'TokenMinted', MintToken>;
export type TokenRevoked = DomainEvent<'TokenRevoked', { id: string; role: Role; revokedBy: string }>;
export type TokenEvent = TokenMinted | TokenRevoked;

export type TokenState =
  | { status: 'absent' }
  | { status: 'active'; id: string; name: string; role: Role; tokenHash: string }
  | { status: 'revoked'; id: string; name: string; role: Role; tokenHash: string };

export const initialTokenState: TokenState = { status: 'absent' };

export function evolveToken(state: TokenState, event: TokenEvent): TokenState {
  switch (event.type) {
    case 'TokenMinted': {
      const { id, name, role, tokenHash } = event.data;
      return { status: 'active', id, name, role, tokenHash };
    }
    case 'TokenRevoked':
      return state.status === 'active' ? { ...state, status: 'revoked' } : state;
    default: {
      const _unknown: never = event;
      return state;
    }
  }
}

export function decideToken(command: TokenCommand, state: TokenState): TokenEvent[] {
  switch (command.type) {
    case 'MintToken':
      if (state.status !== 'absent') throw ruleError('token-exists', `token ${command.data.id} exists`);
      return [{ type: 'TokenMinted', data: command.data }];
    case 'RevokeToken':
      if (state.status === 'absent') throw notFoundError(`no token ${command.data.id}`);
      if (state.status === 'revoked')
        throw ruleError('token-revoked', `token ${command.data.id} is already revoked`);
      return [
        {
          type: 'TokenRevoked',
          data: { id: state.id, role: state.role, revokedBy: command.data.revokedBy },
        },
      ];
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${(unknown as { type: string }).type}`);
    }
  }
}

export const tokenDecider: Decider<TokenCommand, TokenEvent, TokenState> = {
  category: TOKEN_CATEGORY,
  streamIdOf: (command) => toTokenStreamId(command.data.id),
  initialState: initialTokenState,
  evolve: evolveToken,
  decide: (command, state) => decideToken(command, state),
  effectiveDateOf: () => undefined,
};
