import { gradeLabels, type Grade } from '@cbccvc/rules';
import { badInput } from '@cbccvc/platform';
import type { Resolvers } from '../generated/resolvers-types';
import type { Context } from '../context';
import { dashboard, dashboardTrend, results, unitsBehind } from '../dashboards';
import { announcementDocument, cadresAnnouncementDocument, summaryDocument } from '../documents';
import { announcementPdf, announcementXlsx, summaryPdf, summaryXlsx } from '../documents/index';
import { monthLabel } from '../documents/model';
import type { SummaryDocument } from '../documents/model';
import { freshness } from '../projection';
import { competenceProfile, personPeriodRating } from '../rollups';
import { bonusHistory, bonusProposal, confirmBonusSplit, proposeBonusSplit } from '../bonus';
import { bonusXlsx } from '../bonus-export';

export interface PersonRef {
  id: string;
}

export type SummaryListValue = Omit<SummaryDocument, 'leaders' | 'place'> & { heads: SummaryDocument['leaders']['heads']; deputies: SummaryDocument['leaders']['deputies'] };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function officialDocument(ctx: Context, kind: string, format: 'XLSX' | 'PDF', month: string, unitId: string | null | undefined, scope: Parameters<typeof cadresAnnouncementDocument>[1]) {
  const file = (name: string, body: Buffer) => ({
    filename: `${name}.${format.toLowerCase()}`,
    contentType: format === 'XLSX' ? XLSX : 'application/pdf',
    base64: body.toString('base64'),
  });
  if (kind === 'ANNOUNCEMENT_3A') {
    const doc = await cadresAnnouncementDocument(ctx, scope, month);
    return file(`3A-${month}`, format === 'XLSX' ? await announcementXlsx(doc) : await announcementPdf(doc));
  }
  if (!unitId) throw badInput('unitId', `is required for ${kind}`);
  if (kind === 'SUMMARY_01A') {
    const doc = await summaryDocument(ctx, unitId, month);
    return file(`01A-${month}-${unitId}`, format === 'XLSX' ? await summaryXlsx(doc) : await summaryPdf(doc));
  }
  if (kind === 'ANNOUNCEMENT_02A') {
    const doc = await announcementDocument(ctx, unitId, month);
    if (!doc) throw badInput('month', 'the unit’s month is not published yet: there is no announcement');
    return file(`02A-${month}-${unitId}`, format === 'XLSX' ? await announcementXlsx(doc) : await announcementPdf(doc));
  }
  throw badInput('kind', `${kind} is exported with bonusProposal (format XLSX)`);
}

const freshnessOfRequest = new WeakMap<object, ReturnType<typeof freshness>>();

export const resolvers: Resolvers = {
  Query: {
    reportingFreshness: (_p, _a, ctx) => freshness(ctx.em),
    dashboard: (_p, { scope, month }, ctx) => dashboard(ctx, scope, month),
    dashboardTrend: (_p, { scope, from, to }, ctx) => dashboardTrend(ctx, scope, from, to),
    unitsBehind: (_p, { scope, month, first, after }, ctx) => unitsBehind(ctx, scope, month, first, after),
    results: (_p, { scope, month, first, after }, ctx) => results(ctx, scope, month, first, after),
    summaryList: async (_p, { unitId, month }, ctx) => {
      const { leaders, place: _place, ...doc } = await summaryDocument(ctx, unitId, month);
      return { ...doc, heads: leaders.heads, deputies: leaders.deputies };
    },
    announcement: (_p, { unitId, month }, ctx) => announcementDocument(ctx, unitId, month),
    cadresAnnouncement: (_p, { scope, month }, ctx) => cadresAnnouncementDocument(ctx, scope, month),
    officialDocument: async (_p, { kind, format, month, unitId, scope }, ctx) => {
      if (kind === 'BONUS_SPLIT') {
        if (format !== 'XLSX') throw badInput('format', 'a bonus split is exported as XLSX');
        if (!unitId) throw badInput('unitId', 'is the bonus proposal id for BONUS_SPLIT');
        const proposal = await bonusProposal(ctx, unitId, 'unitId');
        return { filename: `thu-nhap-tang-them-${proposal.month}.xlsx`, contentType: XLSX, base64: (await bonusXlsx(ctx, proposal)).toString('base64') };
      }
      return officialDocument(ctx, kind, format, month, unitId, scope);
    },
    periodRating: (_p, { personId, period }, ctx) => personPeriodRating(ctx, personId, period),
    competenceProfile: (_p, { personId, from, to }, ctx) => competenceProfile(ctx, personId, from, to),
    bonusProposal: (_p, { id }, ctx) => bonusProposal(ctx, id),
  },
  Mutation: {
    proposeBonusSplit: (_p, { input }, ctx) => proposeBonusSplit(ctx, { ...input, coefficients: input.coefficients as Record<Grade, number> }),
    confirmBonusSplit: (_p, { id, expectedVersion }, ctx) => confirmBonusSplit(ctx, id, expectedVersion),
  },
  Freshness: {
    appliedAt: (f) => f.appliedAt?.toISOString() ?? null,
  },
  Dashboard: {
    // Once per request, however many months a trend has.
    freshness: (_d, _a, ctx) => {
      const known = freshnessOfRequest.get(ctx);
      if (known) return known;
      const fresh = freshness(ctx.em);
      freshnessOfRequest.set(ctx, fresh);
      return fresh;
    },
  },
  ResultRow: {
    person: (row) => ({ id: row.personId }),
  },
  Announcement: {
    title: (doc) =>
      doc.kind === '3A'
        ? `THÔNG BÁO Kết quả đánh giá, xếp loại của các đồng chí ${doc.scopeName} tháng ${monthLabel(doc.month)}`
        : `THÔNG BÁO Kết quả đánh giá, xếp loại cán bộ, công chức, viên chức và người lao động tháng ${monthLabel(doc.month)}`,
    totals: (doc) => (['A', 'B', 'C', 'D'] as Grade[]).map((grade) => ({ grade, label: gradeLabels[grade], count: doc.rows.filter((r) => r.finalGrade === grade).length })),
  },
  AnnouncementLine: {
    unitName: (row) => row.unitName ?? null,
    gradeLabel: (row) => gradeLabels[row.finalGrade],
    quotaExplanation: (row) => row.quotaExplanation ?? null,
    decisionNumber: (row) => row.decisionNumber ?? null,
    decisionDate: (row) => row.decisionDate ?? null,
  },
  CompetenceProfile: {
    person: (profile) => ({ id: profile.personId }),
  },
  BonusProposal: {
    proposedAt: (p) => p.proposedAt.toISOString(),
    confirmedAt: (p) => p.confirmedAt?.toISOString() ?? null,
    // Whoever could read the proposal (its scope was checked where it was loaded) reads its history.
    history: (p, _a, ctx) => bonusHistory(ctx, p.id),
  },
  BonusShare: {
    person: (share) => ({ id: share.personId }),
  },
};
