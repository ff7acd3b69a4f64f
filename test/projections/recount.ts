import { currentDistrictOf, type Holder } from '../../src/domain/shared/districts.js';
import type { RecordedEvent } from '../../src/eventStore/port.js';

/**
 * A direct recount from the events, written from domain.md without the projection's code: for each
 * record, fold its own events and ask whether it counts on day D and where.
 */
type D = Record<string, unknown>;
const where = (h: unknown): string => currentDistrictOf((h as Holder).district, (h as Holder).address);
const dateOrNull = (d: unknown): string | null => (typeof d === 'string' ? d : null);

interface Record_ {
  key: string;
  owners: [string, string][];
  from?: string;
  expiry?: string | null;
  endedOn?: string | null;
  gone?: boolean;
  certs?: Map<
    string,
    { terms: [string, string][]; susp: [string, string | null][]; withdrawn: string | null }
  >;
}

const HONOURS: Record<string, string> = {
  'zhejiang-made-premium': 'zhejiang-made-premium',
  'single-champion': 'single-champion-enterprises',
  'high-quality-service-certificate': 'high-quality-service-certificates',
  'quality-brand-demonstration-zone': 'quality-brand-demonstration-zones',
};

// eslint-disable-next-line complexity
function fold(events: readonly RecordedEvent[]): Map<string, Record_> {
  const records = new Map<string, Record_>();
  for (const e of events) {
    const b = e.data as D;
    const pzb = e.streamId.startsWith('pinzibiao-');
    const id = pzb ? `ent-${(b['enterprise'] as Holder).uscc}` : e.streamId;
    let r = records.get(id);
    if (!r) records.set(id, (r = { key: '', owners: [] }));
    switch (e.type) {
      case 'TrademarkFiled':
        r.key = 'valid-trademarks';
        r.owners = [['0000-01-01', where(b['holder'])]];
        break;
      case 'TrademarkRegistered':
      case 'TrademarkRenewed':
        r.from ??= b['registrationDate'] as string;
        r.expiry = b['expiryDate'] as string;
        break;
      case 'TrademarkAssigned':
        r.owners.push([b['announcedOn'] as string, where(b['holder'])]);
        break;
      case 'TrademarkRevoked':
      case 'TrademarkSurrendered':
        r.endedOn = b['effectiveDate'] as string;
        break;
      case 'TrademarkInvalidated':
        r.gone = true;
        break;
      case 'GiRegistered':
      case 'MadridRegistrationRecorded':
      case 'BrandHonourAwarded':
        r.key =
          e.type === 'GiRegistered'
            ? 'geographical-indications'
            : e.type === 'MadridRegistrationRecorded'
              ? 'madrid-registrations'
              : (HONOURS[b['kind'] as string] as string);
        r.owners = [['0000-01-01', where(b['holder'])]];
        r.from = (b['registeredOn'] ?? b['registrationDate'] ?? b['awardedOn']) as string;
        r.expiry = dateOrNull(b['expiryDate'] ?? b['validUntil']);
        break;
      case 'GiRenewed':
      case 'MadridRegistrationRenewed':
        r.expiry = b['expiryDate'] as string;
        break;
      case 'GiRevoked':
      case 'MadridRegistrationCancelled':
      case 'BrandHonourRevoked':
        r.endedOn = b['effectiveDate'] as string;
        break;
      case 'MadridCancellationUndone':
        r.endedOn = null;
        break;
      default:
        if (pzb) foldCertificate(r, e);
    }
  }
  return records;
}

function foldCertificate(r: Record_, e: RecordedEvent): void {
  const b = e.data as D;
  r.key = 'pinzibiao-enterprises';
  r.owners = [['0000-01-01', where(b['enterprise'])]];
  r.certs ??= new Map();
  const no = b['certificateNumber'] as string;
  let c = r.certs.get(no);
  if (!c) r.certs.set(no, (c = { terms: [], susp: [], withdrawn: null }));
  if (e.type === 'PinzibiaoCertificateIssued' || e.type === 'PinzibiaoCertificateRenewed') {
    c.terms.push([b['issuedOn'] as string, b['expiresOn'] as string]);
  } else if (e.type === 'PinzibiaoCertificateSuspended') c.susp.push([b['effectiveDate'] as string, null]);
  else if (e.type === 'PinzibiaoCertificateRestored') {
    const last = c.susp[c.susp.length - 1];
    if (last && last[1] === null) last[1] = b['effectiveDate'] as string;
  } else if (e.type === 'PinzibiaoCertificateWithdrawn') c.withdrawn = b['effectiveDate'] as string;
}

const ownerOn = (r: Record_, day: string): string => {
  let d = r.owners[0]?.[1] ?? 'unknown';
  for (const [since, district] of r.owners) if (since <= day) d = district;
  return d;
};

function counts(r: Record_, day: string): Record<string, boolean> {
  if (r.certs) {
    let ever = false;
    let inForce = false;
    for (const c of r.certs.values()) {
      for (const [i, x] of c.terms) {
        if (i <= day) ever = true;
        const suspended = c.susp.some(([s, t]) => s <= day && (t === null || day < t));
        if (i <= day && day <= x && (c.withdrawn === null || day < c.withdrawn) && !suspended) inForce = true;
      }
    }
    return { 'pinzibiao-enterprises': ever, 'pinzibiao-in-force': inForce };
  }
  if (!r.from || r.gone) return {};
  const beforeExpiry = r.expiry === undefined || r.expiry === null || day <= r.expiry;
  const valid = r.from <= day && beforeExpiry && (r.endedOn == null || day < r.endedOn);
  return { [r.key]: valid };
}

/** Every figure's value on `day` (a district, or all when absent), from the events alone. */
export function recount(
  events: readonly RecordedEvent[],
  day: string,
  district?: string,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of fold(events).values()) {
    if (district !== undefined && ownerOn(r, day) !== district) continue;
    for (const [key, yes] of Object.entries(counts(r, day)))
      out.set(key, (out.get(key) ?? 0) + (yes ? 1 : 0));
  }
  return out;
}
