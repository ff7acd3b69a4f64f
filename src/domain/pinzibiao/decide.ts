import { assertNotFuture, termEnd, type LocalDate } from '../shared/dates.js';
import { notFoundError, ruleError } from '../shared/errors.js';
import type {
  IssuePinzibiaoCertificate,
  PinzibiaoCommand,
  RecordSurveillanceAudit,
  RenewPinzibiaoCertificate,
  RestorePinzibiaoCertificate,
  SuspendPinzibiaoCertificate,
  WithdrawPinzibiaoCertificate,
} from './commands.js';
import type { PinzibiaoEvent } from './events.js';
import type { ExistingCertificate, PinzibiaoState } from './state.js';

/**
 * A certificate's own dates govern. Where it gives no expiry we assume the usual three-year
 * 浙江制造 certificate: issuedOn + 3 years − 1 day, counted like a trademark term (a certificate issued
 * on 29 February runs to 28 February). Events record `expiryAssumed` so the assumption stays visible.
 */
export const PINZIBIAO_ASSUMED_YEARS = 3;

export const assumedExpiry = (issuedOn: LocalDate): LocalDate => termEnd(issuedOn, PINZIBIAO_ASSUMED_YEARS);

export function decidePinzibiao(
  command: PinzibiaoCommand,
  state: PinzibiaoState,
  now: Date,
): PinzibiaoEvent[] {
  switch (command.type) {
    case 'IssuePinzibiaoCertificate':
      return issue(command.data, state, now);
    case 'RecordSurveillanceAudit':
      return audit(command.data, live(state, command.data.certificateNumber), now);
    case 'SuspendPinzibiaoCertificate':
      return suspend(command.data, live(state, command.data.certificateNumber), now);
    case 'RestorePinzibiaoCertificate':
      return restore(command.data, live(state, command.data.certificateNumber), now);
    case 'WithdrawPinzibiaoCertificate':
      return withdraw(command.data, live(state, command.data.certificateNumber), now);
    case 'RenewPinzibiaoCertificate':
      return renew(command.data, live(state, command.data.certificateNumber), now);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${(unknown as { type: string }).type}`);
    }
  }
}

type LiveCertificate = Exclude<ExistingCertificate, { status: 'withdrawn' }>;

/** Withdrawal is final: nothing more is recorded on a withdrawn certificate. */
function live(state: PinzibiaoState, certificateNumber: string): LiveCertificate {
  if (state.status === 'absent') throw notFoundError(`no 品字标 certificate ${certificateNumber}`);
  if (state.status === 'withdrawn') {
    throw ruleError('withdrawn', `certificate ${certificateNumber} was withdrawn on ${state.withdrawnOn}`);
  }
  return state;
}

const base = (c: ExistingCertificate) => ({
  certificateNumber: c.certificateNumber,
  enterprise: c.enterprise,
});

function termOf(issuedOn: LocalDate, expiresOn: LocalDate | undefined) {
  const term = {
    issuedOn,
    expiresOn: expiresOn ?? assumedExpiry(issuedOn),
    expiryAssumed: expiresOn === undefined,
  };
  if (term.expiresOn < issuedOn) {
    throw ruleError(
      'expiry-before-issue',
      `a certificate issued on ${issuedOn} cannot expire on ${term.expiresOn}`,
    );
  }
  return term;
}

function within(c: LiveCertificate, date: LocalDate): void {
  if (date < c.issuedOn)
    throw ruleError('before-issue', `certificate ${c.certificateNumber} was issued on ${c.issuedOn}`);
  if (date > c.expiresOn)
    throw ruleError('expired', `certificate ${c.certificateNumber} expired on ${c.expiresOn}`);
}

function issue(cmd: IssuePinzibiaoCertificate, state: PinzibiaoState, now: Date): PinzibiaoEvent[] {
  assertNotFuture(cmd.issuedOn, now, 'issuedOn');
  if (state.status !== 'absent')
    throw ruleError('already-issued', `certificate ${cmd.certificateNumber} exists`);
  const { certificateNumber, enterprise, product, standardCode, certificationBody } = cmd;
  return [
    {
      type: 'PinzibiaoCertificateIssued',
      data: {
        certificateNumber,
        enterprise,
        product,
        standardCode,
        certificationBody,
        ...termOf(cmd.issuedOn, cmd.expiresOn),
      },
    },
  ];
}

/** A failed audit is recorded as such; only the certification body's suspension takes the certificate out. */
function audit(cmd: RecordSurveillanceAudit, c: LiveCertificate, now: Date): PinzibiaoEvent[] {
  assertNotFuture(cmd.auditedOn, now, 'auditedOn');
  within(c, cmd.auditedOn);
  return [
    {
      type: 'PinzibiaoSurveillanceRecorded',
      data: { ...base(c), auditedOn: cmd.auditedOn, passed: cmd.passed },
    },
  ];
}

function suspend(cmd: SuspendPinzibiaoCertificate, c: LiveCertificate, now: Date): PinzibiaoEvent[] {
  assertNotFuture(cmd.effectiveDate, now, 'effectiveDate');
  if (c.status === 'suspended') {
    throw ruleError(
      'already-suspended',
      `certificate ${c.certificateNumber} is suspended since ${c.suspendedOn}`,
    );
  }
  within(c, cmd.effectiveDate);
  return [
    {
      type: 'PinzibiaoCertificateSuspended',
      data: { ...base(c), effectiveDate: cmd.effectiveDate, reason: cmd.reason },
    },
  ];
}

function restore(cmd: RestorePinzibiaoCertificate, c: LiveCertificate, now: Date): PinzibiaoEvent[] {
  assertNotFuture(cmd.effectiveDate, now, 'effectiveDate');
  if (c.status !== 'suspended') {
    throw ruleError(
      'not-suspended',
      `certificate ${c.certificateNumber} is not suspended: only a suspension is lifted`,
    );
  }
  if (cmd.effectiveDate < c.suspendedOn) {
    throw ruleError(
      'before-suspension',
      `certificate ${c.certificateNumber} was suspended on ${c.suspendedOn}`,
    );
  }
  within(c, cmd.effectiveDate);
  return [{ type: 'PinzibiaoCertificateRestored', data: { ...base(c), effectiveDate: cmd.effectiveDate } }];
}

function withdraw(cmd: WithdrawPinzibiaoCertificate, c: LiveCertificate, now: Date): PinzibiaoEvent[] {
  assertNotFuture(cmd.effectiveDate, now, 'effectiveDate');
  if (cmd.effectiveDate < c.issuedOn) {
    throw ruleError('before-issue', `certificate ${c.certificateNumber} was issued on ${c.issuedOn}`);
  }
  return [
    {
      type: 'PinzibiaoCertificateWithdrawn',
      data: { ...base(c), effectiveDate: cmd.effectiveDate, reason: cmd.reason },
    },
  ];
}

/**
 * Recertification replaces the certificate's dates; it is open to an in-force or expired certificate.
 * A suspended one must be restored first, unless it has run out anyway, in which case the new
 * certificate is a fresh start.
 */
function renew(cmd: RenewPinzibiaoCertificate, c: LiveCertificate, now: Date): PinzibiaoEvent[] {
  assertNotFuture(cmd.issuedOn, now, 'issuedOn');
  if (cmd.issuedOn <= c.issuedOn) {
    throw ruleError(
      'not-after-current',
      `the current certificate ${c.certificateNumber} was issued on ${c.issuedOn}`,
    );
  }
  if (c.status === 'suspended' && cmd.issuedOn <= c.expiresOn) {
    throw ruleError(
      'suspended',
      `certificate ${c.certificateNumber} is suspended since ${c.suspendedOn}: restore it, or recertify after ${c.expiresOn}`,
    );
  }
  return [
    {
      type: 'PinzibiaoCertificateRenewed',
      data: {
        ...base(c),
        ...termOf(cmd.issuedOn, cmd.expiresOn),
        previousIssuedOn: c.issuedOn,
        previousExpiresOn: c.expiresOn,
      },
    },
  ];
}
