import type { DomainEvent } from '../shared/decider.js';
import type { LocalDate } from '../shared/dates.js';
import type { Holder } from '../shared/districts.js';
import type { HonourKind } from './commands.js';

/** Every event repeats kind and holder so each indicator's projection reads it off the event alone. */
type HonourEventBase = { id: string; kind: HonourKind; holder: Holder };

export type BrandHonourAwarded = DomainEvent<
  'BrandHonourAwarded',
  HonourEventBase & { title: string; awardedOn: LocalDate; validUntil?: LocalDate }
>;

export type BrandHonourRevoked = DomainEvent<
  'BrandHonourRevoked',
  HonourEventBase & { effectiveDate: LocalDate }
>;

export type BrandHonourEvent = BrandHonourAwarded | BrandHonourRevoked;
