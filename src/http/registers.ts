import type { z } from 'zod';
import {
  brandHonourCommandSchemas,
  brandHonourDecider,
  honourIdSchema,
} from '../domain/brandHonours/index.js';
import { giCommandSchemas, giDecider, giIdSchema } from '../domain/geographicalIndications/index.js';
import { irnSchema, madridCommandSchemas, madridDecider } from '../domain/madrid/index.js';
import {
  certificateNumberSchema,
  pinzibiaoCommandSchemas,
  pinzibiaoDecider,
} from '../domain/pinzibiao/index.js';
import type { Command, Decider, DomainEvent } from '../domain/shared/decider.js';
import { trademarkCommandSchemas, trademarkNumberSchema, trademarks } from '../domain/trademarks/index.js';
import type { RegisterName } from '../projections/readModels.js';

/**
 * The five registers as the HTTP API exposes them: one table that both the routers and the OpenAPI
 * document read, so a route and its documentation come from the same zod schema.
 */

export type AnyDecider = Decider<Command, DomainEvent, unknown>;

export interface ActionSpec {
  /** '' for the create route (`POST /trademarks`), else the sub-path (`preliminary-approval`). */
  readonly path: string;
  readonly commandType: string;
  /** The command's data schema, record id included (taken from the path on sub-routes). */
  readonly schema: z.ZodType;
  readonly summary: string;
  readonly example?: Record<string, unknown>;
}

export interface RegisterSpec {
  readonly name: RegisterName;
  readonly title: string;
  /** Under /api/v1. */
  readonly path: string;
  readonly idField: string;
  readonly idSchema: z.ZodType<string>;
  readonly decider: AnyDecider;
  readonly create: ActionSpec;
  readonly actions: readonly ActionSpec[];
  /** An example id for the documentation. */
  readonly exampleId: string;
}

const holder = { name: '杭州西湖龙井茶叶有限公司', uscc: '91330100799655058B', district: '330106' };
const licensee = { name: '杭州龙井茶文化发展有限公司', uscc: '91330100799655058B', district: '330102' };

/** Actions of one register: the schema is looked up by command type, so the pair cannot mismatch. */
const actionsOf =
  <T extends Record<string, z.ZodType>>(schemas: T) =>
  (
    path: string,
    commandType: keyof T & string,
    summary: string,
    example?: Record<string, unknown>,
  ): ActionSpec => ({
    path,
    commandType,
    schema: schemas[commandType] as z.ZodType,
    summary,
    ...(example ? { example } : {}),
  });

const tm = actionsOf(trademarkCommandSchemas);
const gi = actionsOf(giCommandSchemas);
const ir = actionsOf(madridCommandSchemas);
const pzb = actionsOf(pinzibiaoCommandSchemas);
const bh = actionsOf(brandHonourCommandSchemas);

export const REGISTERS: readonly RegisterSpec[] = [
  {
    name: 'trademarks',
    title: 'Trademarks',
    path: '/trademarks',
    idField: 'number',
    idSchema: trademarkNumberSchema,
    decider: trademarks as unknown as AnyDecider,
    exampleId: '12345678',
    create: tm('', 'FileTrademark', 'Records a trademark application', {
      number: '12345678',
      markText: '西湖龙井',
      kind: 'ordinary',
      classes: [30],
      applicants: [holder],
      filingDate: '2023-03-01',
    }),
    actions: [
      tm(
        'preliminary-approval',
        'ApproveTrademarkPreliminarily',
        'Records the publication of the preliminary approval (初步审定公告)',
        { publicationDate: '2023-09-06', gazetteNumber: '1858' },
      ),
      tm('oppositions', 'OpposeTrademark', 'Records an opposition filed in the period', {
        filedOn: '2023-10-10',
        opponent: '杭州茶叶集团有限公司',
      }),
      tm('oppositions/decision', 'DecideTrademarkOpposition', 'Records the decision on the opposition', {
        decidedOn: '2024-02-01',
        outcome: 'rejected',
      }),
      tm('registration', 'RegisterTrademark', 'Records the registration (核准注册)', {
        registrationDate: '2024-03-07',
      }),
      tm('renewals', 'RenewTrademark', 'Records a renewal (续展)', {
        filedOn: '2033-06-01',
      }),
      tm('assignments', 'AssignTrademark', 'Records an assignment (转让)', {
        assignee: licensee,
        announcedOn: '2024-06-01',
      }),
      tm('licences', 'RecordTrademarkLicence', 'Records a licence (许可备案)', {
        licensee,
        recordedOn: '2024-05-01',
        from: '2024-05-01',
        to: '2027-04-30',
      }),
      tm('revocation', 'RevokeTrademark', 'Records a revocation (撤销)', {
        effectiveDate: '2028-01-15',
        ground: 'non-use',
      }),
      tm('invalidation', 'InvalidateTrademark', 'Records an invalidation (宣告无效)', {
        requestedOn: '2025-01-10',
        decidedOn: '2025-09-01',
        ground: 'relative',
      }),
      tm('surrender', 'SurrenderTrademark', 'Records a surrender (注销)', {
        effectiveDate: '2026-01-05',
      }),
    ],
  },
  {
    name: 'geographical-indications',
    title: 'Geographical indications',
    path: '/geographical-indications',
    idField: 'id',
    idSchema: giIdSchema,
    decider: giDecider as unknown as AnyDecider,
    exampleId: 'xihu-longjing',
    create: gi('', 'RegisterGi', 'Records a geographical indication', {
      id: 'xihu-longjing',
      name: '西湖龙井',
      product: '茶叶',
      route: 'certification-mark',
      holder: { name: '杭州市西湖区龙井茶产业协会', uscc: '91330100799655058B', district: '330106' },
      registeredOn: '2011-06-14',
      trademarkNumber: '9129815',
    }),
    actions: [
      gi('renewals', 'RenewGi', 'Records the renewal of a GI mark', {
        filedOn: '2021-03-01',
      }),
      gi('revocation', 'RevokeGi', 'Records a revocation', { effectiveDate: '2024-01-01' }),
    ],
  },
  {
    name: 'madrid-registrations',
    title: 'Madrid international registrations',
    path: '/madrid-registrations',
    idField: 'irn',
    idSchema: irnSchema,
    decider: madridDecider as unknown as AnyDecider,
    exampleId: '1234567',
    create: ir('', 'RecordMadridRegistration', 'Records an international registration (马德里国际注册)', {
      irn: '1234567',
      basicTrademarkNumber: '12345678',
      holder,
      registrationDate: '2024-04-01',
      designations: ['US', 'EM', 'JP'],
      classes: [30],
    }),
    actions: [
      ir('designations', 'RecordSubsequentDesignations', 'Records a subsequent designation (后期指定)', {
        designations: ['KR'],
        recordedOn: '2024-09-01',
      }),
      ir('renewals', 'RenewMadridRegistration', 'Records a renewal', {
        filedOn: '2034-02-01',
      }),
      ir('cancellation', 'CancelMadridRegistration', 'Records a cancellation', {
        effectiveDate: '2025-01-01',
        reason: 'holder-request',
      }),
    ],
  },
  {
    name: 'pinzibiao',
    title: '品字标 certificates',
    path: '/pinzibiao/certificates',
    idField: 'certificateNumber',
    idSchema: certificateNumberSchema,
    decider: pinzibiaoDecider as unknown as AnyDecider,
    exampleId: 'ZZB-2024-0001',
    create: pzb('', 'IssuePinzibiaoCertificate', 'Records a 浙江制造 (品字标) certificate', {
      certificateNumber: 'ZZB-2024-0001',
      enterprise: holder,
      product: '西湖龙井茶',
      standardCode: 'T/ZZB 0123—2019',
      certificationBody: '浙江制造国际认证联盟',
      issuedOn: '2024-03-01',
    }),
    actions: [
      pzb('surveillance', 'RecordSurveillanceAudit', 'Records an annual surveillance audit', {
        auditedOn: '2025-03-01',
        passed: true,
      }),
      pzb('suspension', 'SuspendPinzibiaoCertificate', 'Suspends the certificate', {
        effectiveDate: '2025-04-01',
        reason: '监督审核不合格',
      }),
      pzb('restoration', 'RestorePinzibiaoCertificate', 'Restores a suspended certificate', {
        effectiveDate: '2025-06-01',
      }),
      pzb('withdrawal', 'WithdrawPinzibiaoCertificate', 'Withdraws the certificate', {
        effectiveDate: '2025-07-01',
        reason: '企业申请撤回',
      }),
      pzb('renewal', 'RenewPinzibiaoCertificate', 'Records the recertification', {
        issuedOn: '2027-03-01',
      }),
    ],
  },
  {
    name: 'brand-honours',
    title: 'Brand honours',
    path: '/brand-honours',
    idField: 'id',
    idSchema: honourIdSchema,
    decider: brandHonourDecider as unknown as AnyDecider,
    exampleId: 'zjmp-2024-001',
    create: bh('', 'AwardBrandHonour', 'Records a brand honour of the plan', {
      id: 'zjmp-2024-001',
      kind: 'zhejiang-made-premium',
      holder,
      title: '2024年度浙江制造精品',
      awardedOn: '2024-12-20',
    }),
    actions: [
      bh('revocation', 'RevokeBrandHonour', 'Revokes the honour', {
        effectiveDate: '2025-06-30',
      }),
    ],
  },
];
