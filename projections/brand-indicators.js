/*
 * The plan's brand indicators, in EventStoreDB's projection dialect. This file is the only place the
 * counting rules live: the same file runs inside EventStoreDB (npm run projections:deploy) and in the
 * registry's own projection host, which also records, event by event, how each record's contribution
 * changed (its knownAt ledger and per-district daily figures).
 *
 * One partition per record (per enterprise for 品字标, since that indicator counts distinct USCCs).
 * A partition's state keeps the few facts its record needs and `c`: the intervals the record
 * contributes, each [indicator, district, from, until] with `until` exclusive or null (open). The
 * shared state is the sum of every partition's `c`, kept small: city-wide net changes per day for the
 * headline figures and net changes per district per month (month-end values).
 *
 * Dates are `YYYY-MM-DD` strings throughout; they compare correctly as text.
 */
options({ biState: true });

var PARTITIONED = { trademark: 1, gi: 1, madrid: 1, pinzibiao: 1, honour: 1 };
var HONOUR_INDICATORS = {
  'zhejiang-made-premium': 'zhejiang-made-premium',
  'single-champion': 'single-champion-enterprises',
  'high-quality-service-certificate': 'high-quality-service-certificates',
  'quality-brand-demonstration-zone': 'quality-brand-demonstration-zones',
};
// 江干's 下沙 and 白杨 streets went to 钱塘区; old 余杭's eastern streets form 临平区 (2021-04-09).
var TO_QIANTANG = ['下沙', '白杨', '钱塘区'];
var TO_LINPING = ['临平', '南苑', '东湖', '星桥', '乔司', '运河', '崇贤', '塘栖'];

function categoryOf(streamId) {
  var i = streamId.indexOf('-');
  return i < 0 ? streamId : streamId.slice(0, i);
}

function bodyOf(e) {
  return e.body || e.data || {};
}

function mentions(address, places) {
  if (!address) return false;
  for (var i = 0; i < places.length; i++) if (address.indexOf(places[i]) >= 0) return true;
  return false;
}

/** Records keep the code they were filed with; they count under today's division. */
function districtOf(holder) {
  if (!holder) return 'unknown';
  var code = holder.district;
  if (code === '330103') return '330105';
  if (code === '330104') return mentions(holder.address, TO_QIANTANG) ? '330114' : '330102';
  if (code === '330110') return mentions(holder.address, TO_LINPING) ? '330113' : '330110';
  return code;
}

function pad(n, width) {
  var s = String(n);
  while (s.length < width) s = '0' + s;
  return s;
}

// Date arithmetic on the text itself: a handler runs for every event of a rebuild, and building Date
// objects to step one day dominated its cost.
var TWO = [];
for (var two = 0; two < 32; two++) TWO.push(two < 10 ? '0' + two : String(two));
var MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(y, m) {
  if (m !== 2) return MONTH_DAYS[m - 1];
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
}

function dayAfter(date) {
  var y = +date.slice(0, 4);
  var m = +date.slice(5, 7);
  var d = +date.slice(8, 10);
  if (d < daysInMonth(y, m)) return date.slice(0, 8) + TWO[d + 1];
  if (m < 12) return date.slice(0, 5) + TWO[m + 1] + '-01';
  return pad(y + 1, 4) + '-01-01';
}

/** The corresponding day `n` months later, or that month's last day (Regs Art. 10). */
function addMonths(date, n) {
  var m = +date.slice(0, 4) * 12 + (+date.slice(5, 7) - 1) + n;
  var y = Math.floor(m / 12);
  var month = m - y * 12 + 1;
  var last = daysInMonth(y, month);
  var d = +date.slice(8, 10);
  return pad(y, 4) + '-' + TWO[month] + '-' + TWO[d < last ? d : last];
}

function minDate(a, b) {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

/** [from, until) with `until` null for open-ended; empty when it ends before it starts. */
function interval(list, iv) {
  if (iv[3] === null || iv[2] < iv[3]) list.push(iv);
}

/** Splits [from, until) at each change of holder: the mark counts where its holder is on each day. */
function byHolder(list, keys, f, range) {
  var from = range[0];
  var until = range[1];
  var owners = f.owners;
  for (var i = 0; i < owners.length; i++) {
    var start = i === 0 ? from : owners[i][0] > from ? owners[i][0] : from;
    var next = i + 1 < owners.length ? owners[i + 1][0] : null;
    var end = minDate(next, until);
    for (var k = 0; k < keys.length; k++) interval(list, [keys[k], owners[i][1], start, end]);
  }
}

function trademarkContribution(f) {
  var list = [];
  if (!f.registeredOn || f.invalidated) return list;
  var afterExpiry = dayAfter(f.expiryDate);
  var keys = ['valid-trademarks'];
  for (var i = 0; i < f.classes.length; i++) keys.push('trademark-class-' + pad(f.classes[i], 2));
  // Valid up to the end of the current term, or to the day a revocation or surrender took effect.
  byHolder(list, keys, f, [f.registeredOn, minDate(afterExpiry, f.endedOn)]);
  // In grace: past expiry, inside the six months, the term not renewed (a renewal moves expiryDate on,
  // which makes the days continuous and leaves no grace behind).
  var graceUntil = minDate(dayAfter(addMonths(f.expiryDate, 6)), f.endedOn);
  byHolder(list, ['trademarks-in-grace'], f, [afterExpiry, graceUntil]);
  return list;
}

function termContribution(key, f) {
  var list = [];
  if (!f.from) return list;
  var until = f.expiryDate ? dayAfter(f.expiryDate) : null;
  interval(list, [key, f.district, f.from, minDate(until, f.endedOn)]);
  return list;
}

/** Inside the interval minus the suspensions. */
function withoutSuspensions(list, iv, suspensions) {
  var key = iv[0];
  var district = iv[1];
  var until = iv[3];
  var start = iv[2];
  for (var i = 0; i < suspensions.length; i++) {
    var s = suspensions[i];
    if (until !== null && s[0] >= until) break;
    if (s[1] !== null && s[1] <= start) continue;
    if (s[0] > start) interval(list, [key, district, start, s[0]]);
    if (s[1] === null) return;
    if (s[1] > start) start = s[1];
  }
  interval(list, [key, district, start, until]);
}

/** Merges overlapping or adjacent intervals, so an enterprise counts once a day. */
function union(intervals) {
  intervals.sort(function (a, b) {
    return a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0;
  });
  var out = [];
  for (var i = 0; i < intervals.length; i++) {
    var cur = intervals[i];
    var last = out[out.length - 1];
    if (last && (last[3] === null || cur[2] <= last[3])) {
      if (last[3] !== null && (cur[3] === null || cur[3] > last[3])) last[3] = cur[3];
    } else out.push([cur[0], cur[1], cur[2], cur[3]]);
  }
  return out;
}

function enterpriseContribution(f) {
  var list = [];
  var first = null;
  var inForce = [];
  for (var no in f.certificates) {
    var c = f.certificates[no];
    for (var t = 0; t < c.terms.length; t++) {
      var term = c.terms[t];
      first = minDate(first, term[0]);
      var until = minDate(dayAfter(term[1]), c.withdrawnOn);
      withoutSuspensions(inForce, ['pinzibiao-in-force', f.district, term[0], until], c.suspensions);
    }
  }
  // Cumulative (累计): certified once, counted from then on whatever happens to the certificate.
  if (first !== null) interval(list, ['pinzibiao-enterprises', f.district, first, null]);
  return list.concat(union(inForce));
}

function isClassKey(key) {
  return key.indexOf('trademark-class-') === 0;
}

function bump(map, name, slot, n) {
  var m = map[name] || (map[name] = {});
  var v = (m[slot] || 0) + n;
  // Zeros are dropped so the state stays small; an emptied map is left in place (cheap to keep,
  // costly to detect on every change).
  if (v !== 0) m[slot] = v;
  else delete m[slot];
}

/** Moves the shared totals of an interval's indicator and district by `n` from `day` on. */
function change(shared, iv, day, n) {
  var key = iv[0];
  // The key is tested once: this runs twice for every interval of every settled event.
  if (isClassKey(key)) {
    bump(shared.month, key, day.slice(0, 7), n);
    return;
  }
  bump(shared.day, key, day, n);
  bump(shared.month, key + '@' + iv[1], day.slice(0, 7), n);
}

/** Replaces the partition's contribution and moves the shared totals by the difference. */
function settle(s, next) {
  var shared = s[1];
  var prev = s[0].c || [];
  var i;
  for (i = 0; i < prev.length; i++) {
    change(shared, prev[i], prev[i][2], -1);
    if (prev[i][3] !== null) change(shared, prev[i], prev[i][3], 1);
  }
  for (i = 0; i < next.length; i++) {
    change(shared, next[i], next[i][2], 1);
    if (next[i][3] !== null) change(shared, next[i], next[i][3], -1);
  }
  s[0].c = next;
  return s;
}

function facts(s, init) {
  if (!s[0].f) s[0].f = init;
  return s[0].f;
}

function tm(s) {
  return facts(s, { classes: [], owners: [], registeredOn: null, expiryDate: null, endedOn: null });
}

function tmSettle(s) {
  return settle(s, trademarkContribution(s[0].f));
}

function simple(s) {
  return facts(s, { from: null, expiryDate: null, endedOn: null, district: 'unknown' });
}

function giSettle(s) {
  return settle(s, termContribution('geographical-indications', s[0].f));
}

function madridSettle(s) {
  return settle(s, termContribution('madrid-registrations', s[0].f));
}

function honourSettle(s) {
  return settle(s, termContribution(s[0].f.key, s[0].f));
}

function enterprise(s, e) {
  var f = facts(s, { certificates: {}, district: 'unknown' });
  var b = bodyOf(e);
  f.district = districtOf(b.enterprise);
  return (
    f.certificates[b.certificateNumber] ||
    (f.certificates[b.certificateNumber] = { terms: [], suspensions: [], withdrawnOn: null })
  );
}

function pzbSettle(s) {
  return settle(s, enterpriseContribution(s[0].f));
}

fromAll()
  .partitionBy(function (e) {
    var category = categoryOf(e.streamId);
    if (!PARTITIONED[category]) return undefined;
    if (category === 'pinzibiao') return 'enterprise-' + bodyOf(e).enterprise.uscc;
    return e.streamId;
  })
  .when({
    $init: function () {
      return { c: [] };
    },
    $initShared: function () {
      return { day: {}, month: {} };
    },

    TrademarkFiled: function (s, e) {
      var b = bodyOf(e);
      var f = tm(s);
      f.classes = b.classes.slice();
      f.owners = [['0000-01-01', districtOf(b.holder)]];
      return s;
    },
    TrademarkRegistered: function (s, e) {
      var b = bodyOf(e);
      var f = tm(s);
      f.classes = b.classes.slice();
      if (f.owners.length === 0) f.owners = [['0000-01-01', districtOf(b.holder)]];
      f.registeredOn = b.registrationDate;
      f.expiryDate = b.expiryDate;
      return tmSettle(s);
    },
    TrademarkRenewed: function (s, e) {
      var b = bodyOf(e);
      var f = tm(s);
      f.expiryDate = b.expiryDate;
      return tmSettle(s);
    },
    TrademarkAssigned: function (s, e) {
      var b = bodyOf(e);
      tm(s).owners.push([b.announcedOn, districtOf(b.holder)]);
      return tmSettle(s);
    },
    TrademarkRevoked: function (s, e) {
      tm(s).endedOn = bodyOf(e).effectiveDate;
      return tmSettle(s);
    },
    TrademarkSurrendered: function (s, e) {
      tm(s).endedOn = bodyOf(e).effectiveDate;
      return tmSettle(s);
    },
    // Deemed never to have existed: gone from every day, as known from now on.
    TrademarkInvalidated: function (s) {
      tm(s).invalidated = true;
      return tmSettle(s);
    },

    GiRegistered: function (s, e) {
      var b = bodyOf(e);
      var f = simple(s);
      f.from = b.registeredOn;
      f.expiryDate = b.expiryDate || null;
      f.district = districtOf(b.holder);
      return giSettle(s);
    },
    GiRenewed: function (s, e) {
      simple(s).expiryDate = bodyOf(e).expiryDate;
      return giSettle(s);
    },
    GiRevoked: function (s, e) {
      simple(s).endedOn = bodyOf(e).effectiveDate;
      return giSettle(s);
    },

    MadridRegistrationRecorded: function (s, e) {
      var b = bodyOf(e);
      var f = simple(s);
      f.from = b.registrationDate;
      f.expiryDate = b.expiryDate;
      f.district = districtOf(b.holder);
      return madridSettle(s);
    },
    MadridRegistrationRenewed: function (s, e) {
      simple(s).expiryDate = bodyOf(e).expiryDate;
      return madridSettle(s);
    },
    MadridRegistrationCancelled: function (s, e) {
      simple(s).endedOn = bodyOf(e).effectiveDate;
      return madridSettle(s);
    },
    MadridCancellationUndone: function (s) {
      simple(s).endedOn = null;
      return madridSettle(s);
    },

    PinzibiaoCertificateIssued: function (s, e) {
      var b = bodyOf(e);
      enterprise(s, e).terms.push([b.issuedOn, b.expiresOn]);
      return pzbSettle(s);
    },
    PinzibiaoCertificateRenewed: function (s, e) {
      var b = bodyOf(e);
      enterprise(s, e).terms.push([b.issuedOn, b.expiresOn]);
      return pzbSettle(s);
    },
    PinzibiaoCertificateSuspended: function (s, e) {
      enterprise(s, e).suspensions.push([bodyOf(e).effectiveDate, null]);
      return pzbSettle(s);
    },
    PinzibiaoCertificateRestored: function (s, e) {
      var open = enterprise(s, e).suspensions;
      var last = open[open.length - 1];
      if (last && last[1] === null) last[1] = bodyOf(e).effectiveDate;
      return pzbSettle(s);
    },
    PinzibiaoCertificateWithdrawn: function (s, e) {
      enterprise(s, e).withdrawnOn = bodyOf(e).effectiveDate;
      return pzbSettle(s);
    },

    BrandHonourAwarded: function (s, e) {
      var b = bodyOf(e);
      var f = simple(s);
      f.key = HONOUR_INDICATORS[b.kind];
      f.from = b.awardedOn;
      f.expiryDate = b.validUntil || null;
      f.district = districtOf(b.holder);
      return honourSettle(s);
    },
    BrandHonourRevoked: function (s, e) {
      simple(s).endedOn = bodyOf(e).effectiveDate;
      return honourSettle(s);
    },
  })
  .outputState();
