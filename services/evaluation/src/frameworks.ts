import { validateFramework, type CriteriaFormId, type CriteriaFramework, type CriteriaGroup } from '@cbccvc/rules';
import { appendAudit, badInput, conflict, forbidden, isUniqueViolation, notFound, sqlRows, sqlRun } from '@cbccvc/platform';
import { parseMonth } from '@cbccvc/organization';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from './forms';

/**
 * Criteria frameworks (forms 01–04) are rows of `evaluation.criteria_framework`, one per version,
 * each in force from its month until the next version of the same form. A form records the version
 * it was opened with and is always scored with that one, so a month already started keeps its
 * framework whatever is published later.
 */

const byVersion = new Map<string, CriteriaFramework>();
/** A version never changes once published: remembered for the life of the process. */
export async function frameworkVersion(em: EntityManager, form: CriteriaFormId, version: string): Promise<CriteriaFramework> {
  const key = `${form}/${version}`;
  const remembered = byVersion.get(key);
  if (remembered) return remembered;
  const [row] = await sqlRows(em, 'select framework from evaluation.criteria_framework where form = ? and version = ?', [form, version]);
  if (!row) throw notFound('version', `criteria framework ${form}`, version);
  const framework = row.framework as CriteriaFramework;
  byVersion.set(key, framework);
  return framework;
}

/**
 * The version in force for a month. New versions are only ever published for future months, so
 * the answer for a month under way never changes; a future month's answer may lag a publication in
 * another process by at most a minute.
 */
const inForce60s = new Map<string, { framework: CriteriaFramework; at: number }>();
export async function frameworkInForce(em: EntityManager, form: CriteriaFormId, month: string): Promise<CriteriaFramework> {
  const key = `${form}/${month}`;
  const remembered = inForce60s.get(key);
  if (remembered && Date.now() - remembered.at < 60_000) return remembered.framework;
  const [row] = await sqlRows(
    em,
    'select framework from evaluation.criteria_framework where form = ? and effective_from <= ? order by effective_from desc limit 1',
    [form, month],
  );
  if (!row) throw badInput('month', `no criteria framework ${form} is in force in ${month}`);
  const framework = row.framework as CriteriaFramework;
  inForce60s.set(key, { framework, at: Date.now() });
  return framework;
}

export interface FrameworkVersionRow {
  form: CriteriaFormId;
  version: string;
  effectiveFrom: string;
  publishedBy: string;
  publishedAt: Date;
}

export async function frameworkVersions(ctx: Context, form: CriteriaFormId): Promise<FrameworkVersionRow[]> {
  const found = await sqlRows(
    ctx.em,
    'select form, version, effective_from, published_by, published_at from evaluation.criteria_framework where form = ? order by effective_from',
    [form],
  );
  return found.map((r) => ({
    form: r.form as CriteriaFormId,
    version: r.version as string,
    effectiveFrom: r.effective_from as string,
    publishedBy: r.published_by as string,
    publishedAt: new Date(r.published_at as string),
  }));
}

/** The month under way in Hanoi (UTC+7). */
function monthNow(ctx: Context): string {
  return new Date(ctx.clock.now().getTime() + 7 * 3_600_000).toISOString().slice(0, 7);
}

export interface FrameworkInput {
  form: CriteriaFormId;
  version: string;
  effectiveFrom: string;
  title: string;
  appliesTo: string;
  groups: CriteriaGroup[];
}

/**
 * A city administrator (the Department of Home Affairs issues the frameworks, document 004 art. 9)
 * publishes a new version of a form for a future month. Refused: the current or a past month (its
 * forms are already scored with the version in force), an inconsistent framework (every problem
 * listed), a version or month already taken, or forms already opened for a month it would cover.
 */
export async function publishFramework(ctx: Context, input: FrameworkInput): Promise<CriteriaFramework> {
  if (!ctx.access.isCityAdmin) throw forbidden('Only a city administrator publishes criteria frameworks');
  const effectiveFrom = parseMonth('input.effectiveFrom', input.effectiveFrom).text;
  const current = monthNow(ctx);
  if (effectiveFrom <= current) {
    throw badInput('input.effectiveFrom', `must be a future month (after ${current}): a month already started keeps its framework`);
  }
  const framework: CriteriaFramework = {
    form: input.form,
    version: input.version.trim(),
    effectiveFrom,
    title: input.title.trim(),
    appliesTo: input.appliesTo.trim(),
    groups: input.groups.map((g) => ({
      code: g.code,
      title: g.title,
      max: g.max,
      criteria: g.criteria.map((c) => ({ code: c.code, text: c.text, max: c.max })),
      ...(g.sections?.length ? { sections: g.sections.map((s) => ({ code: s.code, title: s.title, max: s.max })) } : {}),
    })),
    generalMax: 30,
    taskResultsMax: 70,
  };
  const problems = validateFramework(framework);
  if (problems.length) throw badInput('input', `the framework is not consistent: ${problems.join('; ')}`);
  try {
    await ctx.em.transactional(async (inner) => {
      const em = inner as EntityManager;
      const [opened] = await sqlRows(em, 'select month from evaluation.form where criteria_form = ? and month >= ? limit 1', [framework.form, effectiveFrom]);
      if (opened) throw conflict(`forms ${framework.form} are already opened for ${opened.month as string}: publish for a later month`);
      await sqlRun(
        em,
        `insert into evaluation.criteria_framework (form, version, effective_from, framework, published_by, published_at) values (?, ?, ?, ?::jsonb, ?, ?)`,
        [framework.form, framework.version, effectiveFrom, JSON.stringify(framework), ctx.principal.username, ctx.clock.now()],
      );
      await appendAudit(em, 'evaluation', {
        at: ctx.clock.now(),
        actor: ctx.principal.username,
        action: 'framework.publish',
        entityType: 'CriteriaFramework',
        entityId: `${framework.form}/${framework.version}`,
        before: null,
        after: { effectiveFrom, groups: framework.groups.length },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict(`${framework.form} already has version "${framework.version}" or a version effective from ${effectiveFrom}`);
    }
    throw error;
  }
  inForce60s.clear();
  return framework;
}
