import type { DomainEvent } from '../shared/decider.js';
import type { LocalDate } from '../shared/dates.js';
import type { Holder } from '../shared/districts.js';
import type { BasicMarkCause, CancellationReason } from './commands.js';

/** Every event repeats the holder so projections never need the stream's history. */
type MadridEventBase = { irn: string; holder: Holder };

export type MadridRegistrationRecorded = DomainEvent<
  'MadridRegistrationRecorded',
  MadridEventBase & {
    basicTrademarkNumber: string;
    registrationDate: LocalDate;
    expiryDate: LocalDate;
    /** The last day on which the IR still depends on the basic mark (Art. 6(3)). */
    dependencyEndsOn: LocalDate;
    designations: string[];
    classes: number[];
  }
>;

/** Subsequent designations add Contracting Parties; they run out with the IR itself. */
export type MadridDesignationsRecorded = DomainEvent<
  'MadridDesignationsRecorded',
  MadridEventBase & { designations: string[]; recordedOn: LocalDate; expiryDate: LocalDate }
>;

export type MadridRegistrationRenewed = DomainEvent<
  'MadridRegistrationRenewed',
  MadridEventBase & {
    filedOn: LocalDate;
    previousExpiryDate: LocalDate;
    termStart: LocalDate;
    expiryDate: LocalDate;
  }
>;

export type MadridRegistrationCancelled = DomainEvent<
  'MadridRegistrationCancelled',
  MadridEventBase & {
    effectiveDate: LocalDate;
    reason: CancellationReason;
    /** Central attack recorded by the dependency policy: which basic mark ceased, when and how. */
    basicTrademarkNumber?: string;
    basicMarkCeasedOn?: LocalDate;
    cause?: BasicMarkCause;
  }
>;

/** A renewal paid in the grace period reached the register after the non-renewal was recorded. */
export type MadridCancellationUndone = DomainEvent<
  'MadridCancellationUndone',
  MadridEventBase & { cancelledOn: LocalDate }
>;

export type MadridEvent =
  | MadridRegistrationRecorded
  | MadridDesignationsRecorded
  | MadridRegistrationRenewed
  | MadridRegistrationCancelled
  | MadridCancellationUndone;
