import { z } from 'zod';
import type { Command } from '../shared/decider.js';
import { localDateSchema } from '../shared/dates.js';
import { holderSchema } from '../shared/districts.js';
import { niceClassSchema } from '../shared/nice.js';

/** The CNIPA application/registration number, which stays the same once registered. */
export const trademarkNumberSchema = z
  .string()
  .regex(/^\d+$/, { error: 'a CNIPA trademark number is digits' });

export const trademarkKindSchema = z.enum(['ordinary', 'collective', 'certification']);
export type TrademarkKind = z.infer<typeof trademarkKindSchema>;

export const oppositionOutcomeSchema = z.enum(['rejected', 'upheld']);
export type OppositionOutcome = z.infer<typeof oppositionOutcomeSchema>;

export const revocationGroundSchema = z.enum(['non-use', 'generic', 'other']);
export type RevocationGround = z.infer<typeof revocationGroundSchema>;

export const invalidationGroundSchema = z.enum(['absolute', 'relative']);
export type InvalidationGround = z.infer<typeof invalidationGroundSchema>;

/** An opponent is named; a full holder record is accepted where the filing office supplies one. */
export const opponentSchema = z.union([
  z.string().trim().min(1, { error: 'the opponent must be named' }),
  holderSchema,
]);
export type Opponent = z.infer<typeof opponentSchema>;

const classesSchema = z
  .array(niceClassSchema)
  .min(1, { error: 'at least one Nice class' })
  .refine((cs) => new Set(cs).size === cs.length, { error: 'each Nice class is listed once' });

const number = trademarkNumberSchema;

export const fileTrademarkSchema = z.object({
  number,
  markText: z.string().trim().min(1, { error: 'the mark text must not be empty' }),
  kind: trademarkKindSchema.default('ordinary'),
  classes: classesSchema,
  applicants: z.array(holderSchema).min(1, { error: 'at least one applicant' }),
  filingDate: localDateSchema,
});

export const approveTrademarkPreliminarilySchema = z.object({
  number,
  publicationDate: localDateSchema,
  gazetteNumber: z.string().trim().min(1).exactOptional(),
});

export const opposeTrademarkSchema = z.object({ number, filedOn: localDateSchema, opponent: opponentSchema });

export const decideTrademarkOppositionSchema = z.object({
  number,
  decidedOn: localDateSchema,
  outcome: oppositionOutcomeSchema,
});

export const registerTrademarkSchema = z.object({ number, registrationDate: localDateSchema });

export const renewTrademarkSchema = z.object({ number, filedOn: localDateSchema });

export const assignTrademarkSchema = z.object({
  number,
  assignee: holderSchema,
  announcedOn: localDateSchema,
});

export const recordTrademarkLicenceSchema = z
  .object({
    number,
    licensee: holderSchema,
    recordedOn: localDateSchema,
    from: localDateSchema,
    to: localDateSchema,
  })
  .refine((l) => l.from <= l.to, { error: 'a licence ends on or after the day it starts', path: ['to'] });

export const revokeTrademarkSchema = z.object({
  number,
  effectiveDate: localDateSchema,
  ground: revocationGroundSchema,
});

export const invalidateTrademarkSchema = z
  .object({
    number,
    requestedOn: localDateSchema,
    decidedOn: localDateSchema,
    ground: invalidationGroundSchema,
  })
  .refine((i) => i.requestedOn <= i.decidedOn, {
    error: 'decided before it was requested',
    path: ['decidedOn'],
  });

export const surrenderTrademarkSchema = z.object({ number, effectiveDate: localDateSchema });

/** Sent by the lapse policy (`POST /api/v1/policies/lapse`, `npm run lapse`). */
export const recordTrademarkLapseSchema = z.object({ number, asOf: localDateSchema });

export const trademarkCommandSchemas = {
  FileTrademark: fileTrademarkSchema,
  ApproveTrademarkPreliminarily: approveTrademarkPreliminarilySchema,
  OpposeTrademark: opposeTrademarkSchema,
  DecideTrademarkOpposition: decideTrademarkOppositionSchema,
  RegisterTrademark: registerTrademarkSchema,
  RenewTrademark: renewTrademarkSchema,
  AssignTrademark: assignTrademarkSchema,
  RecordTrademarkLicence: recordTrademarkLicenceSchema,
  RevokeTrademark: revokeTrademarkSchema,
  InvalidateTrademark: invalidateTrademarkSchema,
  SurrenderTrademark: surrenderTrademarkSchema,
  RecordTrademarkLapse: recordTrademarkLapseSchema,
} as const;

type Schemas = typeof trademarkCommandSchemas;
export type TrademarkCommandType = keyof Schemas;

export type TrademarkCommandOf<T extends TrademarkCommandType> = Command<T, z.output<Schemas[T]>>;

export type TrademarkCommand = { [T in TrademarkCommandType]: TrademarkCommandOf<T> }[TrademarkCommandType];

export type FileTrademark = TrademarkCommandOf<'FileTrademark'>;
export type ApproveTrademarkPreliminarily = TrademarkCommandOf<'ApproveTrademarkPreliminarily'>;
export type OpposeTrademark = TrademarkCommandOf<'OpposeTrademark'>;
export type DecideTrademarkOpposition = TrademarkCommandOf<'DecideTrademarkOpposition'>;
export type RegisterTrademark = TrademarkCommandOf<'RegisterTrademark'>;
export type RenewTrademark = TrademarkCommandOf<'RenewTrademark'>;
export type AssignTrademark = TrademarkCommandOf<'AssignTrademark'>;
export type RecordTrademarkLicence = TrademarkCommandOf<'RecordTrademarkLicence'>;
export type RevokeTrademark = TrademarkCommandOf<'RevokeTrademark'>;
export type InvalidateTrademark = TrademarkCommandOf<'InvalidateTrademark'>;
export type SurrenderTrademark = TrademarkCommandOf<'SurrenderTrademark'>;
export type RecordTrademarkLapse = TrademarkCommandOf<'RecordTrademarkLapse'>;
