/**
 * Rules engine benchmark (`npm run bench:rules`): scores 250,000 person-months of 20 work items
 * each (taskResult → monthlyScore → gradeOf), then applies the A quota over 10,000 groups of 25.
 * Target: under 1 second for the whole pass on the 2-core reference machine.
 *
 * The data is generated up front from a seeded PRNG (mulberry32), so every run scores the same
 * inputs; generation is not timed. One warm-up pass lets the JIT settle, then the median of the
 * timed passes is reported. This is a benchmark, not a test: it asserts nothing about time.
 */
import { applyQuota, gradeOf, monthlyScore, policies, taskResult } from '@cbccvc/rules';
import type { Grade, LeaderFactors, WorkItem } from '@cbccvc/rules';

const PERSON_MONTHS = 250_000;
const ITEMS_PER_MONTH = 20;
const GROUPS = 10_000;
const GROUP_SIZE = PERSON_MONTHS / GROUPS;
const TARGET_MS = 1000;
const TIMED_RUNS = 5;
const SEED = 20260425;

/** mulberry32: tiny, fast, deterministic 32-bit PRNG; returns floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface PersonMonth {
  id: string;
  general: number;
  items: WorkItem[];
  leader?: LeaderFactors;
}

/** Realistic-looking months: converted sizes include halves, most work done, a few failures/delays. */
function generate(seed: number): PersonMonth[] {
  const rand = mulberry32(seed);
  const sizes = [0.5, 1, 1, 1, 1.5, 2, 2, 3, 4, 5];
  const count = (r: number) => (r < 0.8 ? 0 : r < 0.95 ? 1 : r < 0.99 ? 2 : 5);
  const half = () => (rand() < 0.9 ? 1 : 0.5);
  const months: PersonMonth[] = new Array(PERSON_MONTHS);
  for (let p = 0; p < PERSON_MONTHS; p++) {
    const items: WorkItem[] = new Array(ITEMS_PER_MONTH);
    for (let i = 0; i < ITEMS_PER_MONTH; i++) {
      const completed = rand() < 0.9;
      const item: WorkItem = { size: sizes[Math.floor(rand() * sizes.length)], completed };
      const f = count(rand());
      const d = count(rand());
      if (f) item.qualityFailures = f;
      if (d) item.delays = d;
      items[i] = item;
    }
    months[p] = {
      id: `u${Math.floor(p / GROUP_SIZE)}-p${p % GROUP_SIZE}`,
      general: 18 + Math.floor(rand() * 49) / 4, // 18.00 … 30.00 in quarter points (after deductions)
      items,
      leader: rand() < 0.1 ? { unitResults: half(), organisation: half(), unity: half() } : undefined,
    };
  }
  return months;
}

interface PassResult {
  ms: number;
  checksum: number;
  gradeCounts: Record<Grade, number>;
  needsChoice: number;
}

function pass(months: PersonMonth[]): PassResult {
  const policy = policies.hanoi2026;
  const start = performance.now();
  const scores = new Float64Array(PERSON_MONTHS);
  const bandCounts: Record<Grade, number> = { A: 0, B: 0, C: 0, D: 0 };
  let checksum = 0;
  for (let p = 0; p < PERSON_MONTHS; p++) {
    const m = months[p];
    const result = taskResult(m.items, m.leader, policy);
    const score = monthlyScore(m.general, result === null ? 0 : result.kpi, policy);
    scores[p] = score;
    bandCounts[gradeOf(score, policy)]++;
    checksum += score;
  }
  const gradeCounts: Record<Grade, number> = { A: 0, B: 0, C: 0, D: 0 };
  let needsChoice = 0;
  for (let g = 0; g < GROUPS; g++) {
    const people = new Array<{ id: string; score: number }>(GROUP_SIZE);
    for (let k = 0; k < GROUP_SIZE; k++) {
      const p = g * GROUP_SIZE + k;
      people[k] = { id: months[p].id, score: scores[p] };
    }
    const quota = applyQuota(people, policy, { raised: g % 10 === 0 });
    for (const id in quota.grades) gradeCounts[quota.grades[id]]++;
    needsChoice += quota.needsChoice.length;
  }
  const ms = performance.now() - start;
  // The band counts feed the checksum so no work can be optimised away.
  checksum += bandCounts.A * 3 + bandCounts.B * 2 + bandCounts.C;
  return { ms, checksum, gradeCounts, needsChoice };
}

function main(): void {
  const genStart = performance.now();
  const months = generate(SEED);
  const genMs = performance.now() - genStart;
  console.log(
    `rules bench: ${PERSON_MONTHS.toLocaleString('en')} person-months × ${ITEMS_PER_MONTH} items ` +
      `(${(PERSON_MONTHS * ITEMS_PER_MONTH).toLocaleString('en')} items), quotas over ${GROUPS.toLocaleString('en')} groups of ${GROUP_SIZE}`,
  );
  console.log(`data generated in ${genMs.toFixed(0)} ms (seed ${SEED}, not timed)`);

  const warm = pass(months);
  console.log(`warm-up pass: ${warm.ms.toFixed(1)} ms`);
  const runs: PassResult[] = [];
  for (let r = 0; r < TIMED_RUNS; r++) runs.push(pass(months));
  for (const run of runs) {
    if (run.checksum !== warm.checksum) throw new Error('benchmark passes disagree: the rules are not deterministic');
  }
  const times = runs.map((r) => r.ms).sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const { gradeCounts, needsChoice } = runs[0];

  console.log(`timed passes (ms): ${runs.map((r) => r.ms.toFixed(1)).join(', ')}`);
  console.log(
    `grades after quota: A ${gradeCounts.A}, B ${gradeCounts.B}, C ${gradeCounts.C}, D ${gradeCounts.D}; ` +
      `${needsChoice} tied at a boundary (left to the decider); checksum ${warm.checksum.toFixed(2)}`,
  );
  console.log(
    `median: ${median.toFixed(1)} ms — ${Math.round((PERSON_MONTHS / median) * 1000).toLocaleString('en')} person-months/s, ` +
      `${Math.round(((PERSON_MONTHS * ITEMS_PER_MONTH) / median) * 1000).toLocaleString('en')} items/s`,
  );
  console.log(`ratio to 1 s target: ${(median / TARGET_MS).toFixed(2)}`);
}

main();
