import type { RequestHandler } from 'express';
import type { Actor } from '../application/commandHandler.js';
import { RegistryError } from '../domain/shared/errors.js';
import type { Role } from '../domain/tokens/index.js';
import type { TokenIndex } from './tokenIndex.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** Who sent the request: the bearer token's id and role (set by `authenticate`). */
    actor?: Actor;
  }
}

/** Who may do what (api.md): one place, so a route names a capability rather than a list of roles. */
export const ROLES = {
  /** Filings, policies. */
  write: ['admin', 'officer'],
  /** Records, searches, indicators, docket. */
  read: ['admin', 'officer', 'reporter'],
  /** The log itself and its integrity. */
  audit: ['admin', 'auditor'],
  /** Tokens. */
  admin: ['admin'],
  /** Prometheus metrics: not public (api.md lists what is), scraped with an admin or auditor token. */
  metrics: ['admin', 'auditor'],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof ROLES;

const BEARER = /^Bearer[ \t]+([\x21-\x7e]{1,512})[ \t]*$/i;

/** The actor a request's Authorization header names, or undefined when it names nobody known. */
export function bearerActor(tokens: TokenIndex, header: string | undefined): Actor | undefined {
  if (header === undefined) return undefined;
  const token = BEARER.exec(header)?.[1];
  return token === undefined ? undefined : tokens.authenticate(token);
}

/** Whether `role` has the capability. */
export const may = (capability: Capability, role: string | undefined): boolean =>
  role !== undefined && (ROLES[capability] as readonly string[]).includes(role);

export const authenticate =
  (tokens: TokenIndex): RequestHandler =>
  (req, _res, next) => {
    const header = req.headers.authorization;
    if (header === undefined) {
      next(new RegistryError('auth', 'an Authorization: Bearer <token> header is required'));
      return;
    }
    const actor = bearerActor(tokens, header);
    if (actor === undefined) {
      next(new RegistryError('auth', 'the bearer token is unknown or revoked'));
      return;
    }
    req.actor = actor;
    next();
  };

export const allow =
  (capability: Capability): RequestHandler =>
  (req, _res, next) => {
    const role = req.actor?.role;
    if (!may(capability, role)) {
      next(
        new RegistryError(
          'forbidden',
          `role ${role ?? 'none'} may not do this (needs ${ROLES[capability].join(' or ')})`,
        ),
      );
      return;
    }
    next();
  };

export function actorOf(req: { actor?: Actor }): Actor {
  if (req.actor === undefined) throw new RegistryError('auth', 'not authenticated');
  return req.actor;
}
