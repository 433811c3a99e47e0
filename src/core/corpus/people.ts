/**
 * People merged across the documents of a corpus, with the same alias rules as inside one
 * document: transliteration and diacritic variants of the full name, surname-only people
 * joined to the full name with that surname, and near-miss surname spellings joined only to
 * a surname that some document spells out in full.
 */
import { nameParts, nameSkeleton, normalizeName, personIdFor, sameFirstNameVariant, sameSurnameVariant, surnameOf } from '../detect/people';
import type { CorpusPerson, Person } from '../types';

interface Member {
  path: string;
  person: Person;
}

interface Cluster {
  first?: string;
  surname: string;
  members: Member[];
}

function firstOf(name: string): string | undefined {
  return nameParts(name.trim().split(/\s+/)).first;
}

function mentionCount(c: Cluster): number {
  return c.members.reduce((n, m) => n + m.person.mentions.length, 0);
}

/** Merges the per-document people of a corpus into corpus people (most widespread first). */
export function mergeCorpusPeople(docs: readonly { path: string; people: readonly Person[] }[]): CorpusPerson[] {
  const members: Member[] = docs.flatMap((d) => d.people.map((person) => ({ path: d.path, person })));
  const clusters: Cluster[] = [];

  // Full names first, so surname-only people have something to join.
  for (const m of members.filter((x) => firstOf(x.person.name) !== undefined)) {
    const surname = surnameOf(m.person.name);
    const first = firstOf(m.person.name);
    const fits = (c: Cluster, exact: boolean): boolean =>
      c.first !== undefined &&
      (exact ? nameSkeleton(c.surname) === nameSkeleton(surname) : sameSurnameVariant(c.surname, surname)) &&
      sameFirstNameVariant(c.first, first as string);
    let cl = clusters.find((c) => fits(c, true)) ?? clusters.find((c) => fits(c, false));
    if (!cl) {
      cl = { first, surname, members: [] };
      clusters.push(cl);
    }
    cl.members.push(m);
  }
  for (const m of members.filter((x) => firstOf(x.person.name) === undefined)) {
    const word = m.person.name.trim();
    let candidates = clusters.filter((c) => nameSkeleton(c.surname) === nameSkeleton(word));
    if (candidates.length === 0) candidates = clusters.filter((c) => c.first !== undefined && sameSurnameVariant(c.surname, word));
    let cl = candidates.sort((a, b) => mentionCount(b) - mentionCount(a))[0];
    if (!cl) {
      cl = { surname: word, members: [] };
      clusters.push(cl);
    }
    cl.members.push(m);
  }

  const out: CorpusPerson[] = clusters.map((c) => {
    const name = canonicalName(c);
    const aliases = new Set<string>([name]);
    for (const m of c.members) for (const a of [m.person.name, ...m.person.aliases]) aliases.add(a);
    const person: CorpusPerson = {
      id: personIdFor(name),
      name,
      aliases: [...aliases],
      documents: c.members.map((m) => ({ path: m.path, personId: m.person.id, mentions: m.person.mentions.length })),
    };
    const role = mostCommon(c.members.map((m) => m.person.role).filter((r): r is string => r !== undefined));
    if (role !== undefined) person.role = role;
    return person;
  });
  // Ids must stay unique even if two different people share a canonical spelling.
  const seen = new Map<string, number>();
  for (const p of out) {
    const n = seen.get(p.id) ?? 0;
    seen.set(p.id, n + 1);
    if (n > 0) p.id = `${p.id}-${n + 1}`;
  }
  const docCount = (p: CorpusPerson): number => new Set(p.documents.map((d) => d.path)).size;
  const mentions = (p: CorpusPerson): number => p.documents.reduce((n, d) => n + d.mentions, 0);
  return out.sort((a, b) => docCount(b) - docCount(a) || mentions(b) - mentions(a) || a.name.localeCompare(b.name));
}

/**
 * The spelling most documents use (a full name beats a surname); ties go to the spelling
 * with more mentions, then to the first seen.
 */
function canonicalName(c: Cluster): string {
  const tally = new Map<string, { docs: Set<string>; mentions: number; order: number; words: number }>();
  c.members.forEach((m, i) => {
    const t = tally.get(m.person.name) ?? { docs: new Set<string>(), mentions: 0, order: i, words: m.person.name.split(/\s+/).length };
    t.docs.add(m.path);
    t.mentions += m.person.mentions.length;
    tally.set(m.person.name, t);
  });
  const ranked = [...tally.entries()].sort(
    ([, a], [, b]) =>
      Number(b.words > 1) - Number(a.words > 1) || b.docs.size - a.docs.size || b.mentions - a.mentions || a.order - b.order,
  );
  return ranked[0]?.[0] ?? c.surname;
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, { n: number; value: string }>();
  for (const v of values) {
    const key = normalizeName(v);
    const c = counts.get(key) ?? { n: 0, value: v };
    c.n++;
    counts.set(key, c);
  }
  let best: { n: number; value: string } | undefined;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c;
  return best?.value;
}
