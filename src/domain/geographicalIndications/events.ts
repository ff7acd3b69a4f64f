import type { DomainEvent } from '../shared/decider.js';
import type { LocalDate } from '../shared/dates.js';
import type { Holder } from '../shared/districts.js';
import type { GiRoute } from './commands.js';

/** Every event repeats the route and holder so projections never need the stream's history. */
type GiEventBase = {
  id: string;
  route: GiRoute;
  holder: Holder;
};

export type GiRegistered = DomainEvent<
  'GiRegistered',
  GiEventBase & {
    name: string;
    product: string;
    registeredOn: LocalDate;
    trademarkNumber?: string;
    /** Mark routes only: the last day of the first term. */
    expiryDate?: LocalDate;
  }
>;

export type GiRenewed = DomainEvent<
  'GiRenewed',
  GiEventBase & {
    filedOn: LocalDate;
    previousExpiryDate: LocalDate;
    termStart: LocalDate;
    expiryDate: LocalDate;
  }
>;

/** The mark was not renewed by the end of grace; it is gone from the day after expiry. */
export type GiLapsed = DomainEvent<
  'GiLapsed',
  GiEventBase & { expiryDate: LocalDate; graceEndedOn: LocalDate; lapsedOn: LocalDate; asOf: LocalDate }
>;

/** A renewal filed in time reached the register after the lapse was recorded: the lapse never happened. */
export type GiLapseUndone = DomainEvent<'GiLapseUndone', GiEventBase & { lapsedOn: LocalDate }>;

export type GiRevoked = DomainEvent<'GiRevoked', GiEventBase & { effectiveDate: LocalDate }>;

export type GiEvent = GiRegistered | GiRenewed | GiLapsed | GiLapseUndone | GiRevoked;
