import { badInput, notFound } from '@cbccvc/platform';
import { parseId, parseMonth, requireText } from '@cbccvc/organization';
import type { Context } from './context';
import { catalogueTemplate, parseCatalogue, type CatalogueRow, type SpreadsheetFormat } from './catalogue-import';
import { requireCatalogueMaintainer } from './permissions';
import { toCatalogueItem, toCatalogueVersion, type CatalogueImportResult, type CatalogueItem, type CatalogueVersion } from './records';
import { audit, newId, one, rows, run, transaction } from './sql';

/** The unit's catalogue in force for a month: the latest version effective by then. */
export function catalogueInForce(ctx: Context, unitId: string, month: string): Promise<CatalogueVersion | null> {
  return one(
    ctx.em,
    'select * from planning.catalogue_version where unit_id = ? and effective_from <= ? order by effective_from desc limit 1',
    [unitId, month],
    toCatalogueVersion,
  );
}

export async function catalogueItems(ctx: Context, versionId: string): Promise<CatalogueItem[]> {
  return (await rows(ctx.em, 'select * from planning.catalogue_item where version_id = ? order by code', [versionId])).map(toCatalogueItem);
}

interface VersionArgs {
  unitId: string;
  effectiveFrom: string;
  standardUnit: string;
}

async function loadUnitForCatalogue(ctx: Context, unitId: string) {
  const unit = await ctx.loaders.unit.load(parseId('input.unitId', unitId));
  if (!unit) throw notFound('input.unitId', 'unit', unitId);
  await requireCatalogueMaintainer(ctx, unit);
  return unit;
}

/** Writes a version and its items; a version for the same month replaces nothing: it is refused. */
async function writeVersion(ctx: Context, args: VersionArgs, items: CatalogueRow[]): Promise<CatalogueVersion> {
  const unit = await loadUnitForCatalogue(ctx, args.unitId);
  const month = parseMonth('input.effectiveFrom', args.effectiveFrom).text;
  const standardUnit = requireText('input.standardUnit', args.standardUnit, 300);
  if (items.length === 0) throw badInput('input.items', 'a catalogue needs at least one item');
  return transaction(ctx.em, async (em) => {
    const existing = await rows(em, 'select 1 from planning.catalogue_version where unit_id = ? and effective_from = ?', [unit.id, month]);
    if (existing.length) throw badInput('input.effectiveFrom', `"${unit.name}" already has a catalogue effective from ${month}`);
    const id = newId();
    const now = ctx.clock.now();
    await run(em, 'insert into planning.catalogue_version (id, unit_id, effective_from, standard_unit, created_by, created_at) values (?, ?, ?, ?, ?, ?)', [
      id, unit.id, month, standardUnit, ctx.principal.username, now,
    ]);
    for (let start = 0; start < items.length; start += 1000) {
      const batch = items.slice(start, start + 1000);
      await run(
        em,
        `insert into planning.catalogue_item (id, version_id, code, name, complexity_group, unit_of_measure, factor) values ${batch.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        batch.flatMap((item) => [newId(), id, item.code, item.name, item.complexityGroup, item.unitOfMeasure, item.factor]),
      );
    }
    const version = { id, unitId: unit.id, effectiveFrom: month, standardUnit, createdBy: ctx.principal.username };
    await audit(em, ctx.principal, now, 'catalogue.create', 'CatalogueVersion', id, null, { ...version, items: items.length });
    return version;
  });
}

/** Items given inline (the portal's form): the same checks as a spreadsheet row. */
export async function createCatalogueVersion(ctx: Context, args: VersionArgs & { items: CatalogueRow[] }): Promise<CatalogueVersion> {
  const seen = new Map<string, number>();
  const items = args.items.map((item, index) => {
    const field = `input.items[${index}]`;
    const code = requireText(`${field}.code`, item.code, 50);
    if (!/^[\p{L}\p{N}._-]+$/u.test(code)) throw badInput(`${field}.code`, 'may hold only letters, digits, ".", "-" and "_"');
    const key = code.toLowerCase();
    if (seen.has(key)) throw badInput(`${field}.code`, `"${code}" repeats input.items[${seen.get(key)}]`);
    seen.set(key, index);
    if (!Number.isFinite(item.factor) || item.factor <= 0 || item.factor > 10_000) throw badInput(`${field}.factor`, 'must be a number above 0 and at most 10,000');
    return {
      code,
      name: requireText(`${field}.name`, item.name, 300),
      complexityGroup: requireText(`${field}.complexityGroup`, item.complexityGroup, 50),
      unitOfMeasure: requireText(`${field}.unitOfMeasure`, item.unitOfMeasure, 50),
      factor: Math.round(item.factor * 10_000) / 10_000,
    };
  });
  return writeVersion(ctx, args, items);
}

const maxFileBytes = 2 * 1024 * 1024;

/** All rows or nothing: any bad row and nothing is written; every error is reported. */
export async function importCatalogue(
  ctx: Context,
  args: VersionArgs & { format: SpreadsheetFormat; contentBase64: string },
): Promise<CatalogueImportResult> {
  await loadUnitForCatalogue(ctx, args.unitId);
  if (!/^[A-Za-z0-9+/=\s]*$/.test(args.contentBase64)) throw badInput('input.contentBase64', 'is not base64');
  const data = Buffer.from(args.contentBase64, 'base64');
  if (data.length === 0) throw badInput('input.contentBase64', 'the file is empty');
  if (data.length > maxFileBytes) throw badInput('input.contentBase64', 'the file is larger than 2 MB');
  const parsed = await parseCatalogue(data, args.format);
  if (parsed.errors.length) return { version: null, errors: parsed.errors };
  if (parsed.rows.length === 0) return { version: null, errors: [{ row: 2, column: '', message: 'the file has no data rows' }] };
  return { version: await writeVersion(ctx, args, parsed.rows), errors: [] };
}

export async function template(format: SpreadsheetFormat) {
  const file = await catalogueTemplate(format);
  return { filename: file.filename, mimeType: file.mimeType, contentBase64: file.content.toString('base64') };
}
