import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { detectPeople, foldName, normalizeName, personIdFor, sameFirstNameVariant, sameSurnameVariant } from '../../src/core/detect/people';
import { segment } from '../../src/core/text/segment';
import { mergeCorpusPeople } from '../../src/core/corpus/people';
import type { Person } from '../../src/core/types';

function people(text: string): Person[] {
  return detectPeople(text, segment(text));
}

function names(text: string): string[] {
  return people(text).map((p) => p.name);
}

const SEEDS = join(__dirname, '..', '..', '..', 'seeds');
function seed(prefix: string): string {
  const name = readdirSync(SEEDS).find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`seed ${prefix} missing`);
  return readFileSync(join(SEEDS, name), 'utf8');
}

describe('name helpers', () => {
  it('folds diacritics including letters NFD does not split', () => {
    assert.equal(foldName('Mevlüt Çavuşoğlu'), 'Mevlut Cavusoglu');
    assert.equal(normalizeName('Łukasz  Błaszczykowski'), 'lukasz blaszczykowski');
    assert.equal(normalizeName('Sıla Kırış'), 'sila kiris');
  });

  it('matches transliteration variants and near-miss surnames, not different names', () => {
    assert.ok(sameSurnameVariant('Zelenskyy', 'Zelensky'));
    assert.ok(sameSurnameVariant('Zelenskiy', 'Zelensky'));
    assert.ok(sameSurnameVariant('Çavuşoğlu', 'Cavusoglu'));
    assert.ok(sameSurnameVariant('Kuliba', 'Kuleba'));
    assert.ok(!sameSurnameVariant('Putin', 'Peskov'));
    assert.ok(!sameSurnameVariant('Kim', 'Kum'), 'too short for a near miss');
    assert.ok(sameFirstNameVariant('Sergei', 'Sergey'));
    assert.ok(sameFirstNameVariant('Dmytro', 'Dmitry'));
    assert.ok(sameFirstNameVariant('J.', 'John'));
    assert.ok(!sameFirstNameVariant('Anna', 'Boris'));
  });

  it('derives stable ids from the canonical name', () => {
    assert.equal(personIdFor('Sergei Lavrov'), 'p:sergei-lavrov');
    assert.equal(personIdFor('Mevlüt Çavuşoğlu'), 'p:mevlut-cavusoglu');
  });
});

describe('detectPeople', () => {
  it('finds names from the first-name gazetteer across cultures', () => {
    const text = 'Talks included Olena Shevchenko, Mehmet Yilmaz, Priya Raman, Kwame Mensah and Ingrid Larsen.';
    assert.deepEqual(names(text), ['Olena Shevchenko', 'Mehmet Yilmaz', 'Priya Raman', 'Kwame Mensah', 'Ingrid Larsen']);
  });

  it('finds unknown first names through titles and keeps the role', () => {
    const ps = people('Estonian Prime Minister Kadri Tamm met Director General Ugo Rossi in Brussels.');
    assert.deepEqual(
      ps.map((p) => [p.name, p.role]),
      [
        ['Kadri Tamm', 'Estonian Prime Minister'],
        ['Ugo Rossi', 'Director General'],
      ],
    );
  });

  it('takes a lower-case role before the name: "Kremlin spokesman Dmitry Peskov"', () => {
    const ps = people('Kremlin spokesman Dmitry Peskov spoke. Opposition leader Friedrich Merz answered. Negotiator Zorig Batbayar left.');
    assert.deepEqual(
      ps.map((p) => [p.name, p.role]),
      [
        ['Dmitry Peskov', 'Kremlin spokesman'],
        ['Friedrich Merz', 'Opposition leader'],
      ],
    );
  });

  it('reads an organisation before a title as part of the role, not as a reason to reject', () => {
    const ps = people('European Commission President Ursula von der Leyen met Police Chief Maria Santos. The European Commission said nothing.');
    assert.deepEqual(
      ps.map((p) => [p.name, p.role]),
      [
        ['Ursula von der Leyen', 'European Commission President'],
        ['Maria Santos', 'Police Chief'],
      ],
    );
  });

  it('keeps name particles and abbreviated titles: bin, al-, von der, Sen., Mr.', () => {
    const ps = people('Crown Prince Mohammed bin Salman met Bashar al-Assad. Sen. Elizabeth Warren objected. Mr. Batbayar said no.');
    assert.deepEqual(
      ps.map((p) => [p.name, p.role ?? '']),
      [
        ['Mohammed bin Salman', 'Crown Prince'],
        ['Bashar al-Assad', ''],
        ['Elizabeth Warren', 'Sen.'],
        ['Batbayar', ''],
      ],
    );
  });

  it('attaches "Sir Keir" to Keir Starmer (British honorific with the given name)', () => {
    const ps = people('Labour leader Keir Starmer welcomed the visit. Sir Keir said little. Mr Starmer left.');
    assert.deepEqual(
      ps.map((p) => [p.name, p.mentions.map((m) => m.text)]),
      [['Keir Starmer', ['Keir Starmer', 'Keir', 'Starmer']]],
    );
  });

  it('reads Chinese and Korean names family name first', () => {
    const ps = people('Foreign Minister Wang Yi met Kim Jong Un. Mr. Wang later left; Kim stayed. Kim Clijsters watched.');
    const wang = ps.find((p) => p.name === 'Wang Yi')!;
    assert.deepEqual(
      wang.mentions.map((m) => m.text),
      ['Wang Yi', 'Wang'],
    );
    assert.equal(ps.find((p) => p.name === 'Kim Jong Un')!.mentions.length, 2);
    assert.ok(ps.some((p) => p.name === 'Kim Clijsters'));
  });

  it('keeps a possessive appositive role: "Putin’s spokesman, Dmitry Peskov"', () => {
    const p = people('Putin’s spokesman, Dmitry Peskov, said nothing.')[0]!;
    assert.equal(p.name, 'Dmitry Peskov');
    assert.equal(p.role, 'Putin’s spokesman');
  });

  it('keeps an appositive role: ", a professor at ..."', () => {
    const p = people('This is progress, said Halil Demirci, a professor at Ankara University.')[0]!;
    assert.equal(p.name, 'Halil Demirci');
    assert.equal(p.role, 'professor at Ankara University');
  });

  it('finds unknown names through reporting verbs', () => {
    assert.deepEqual(names('Zorig Batbayar said the deal was done.'), ['Zorig Batbayar']);
  });

  it('rejects places, organisations, outlets, weekdays and months', () => {
    const text = 'On Thursday in March, Reuters and Al Jazeera English reported that the United Nations, Kadir Has University and New York met in Black Sea ports.';
    assert.deepEqual(names(text), []);
  });

  it('clusters surname-only mentions, possessives and hashtags with the full name', () => {
    const text = 'Foreign Minister Sergei Lavrov arrived.\n\nLavrov’s aides followed. Posts used #Sergey_Lavrov too. Lavrov left.';
    const ps = people(text);
    assert.equal(ps.length, 1);
    const p = ps[0]!;
    assert.equal(p.id, 'p:sergei-lavrov');
    assert.deepEqual(
      p.mentions.map((m) => m.text),
      ['Sergei Lavrov', 'Lavrov', 'Sergey_Lavrov', 'Lavrov'],
    );
    for (const m of p.mentions) assert.equal(text.slice(m.start, m.end), m.text);
  });

  it('clusters transliteration and diacritic variants', () => {
    const text = 'Dmytro Kuleba spoke first. Later Dmitry Kuleba spoke again. Mevlüt Çavuşoğlu chaired; Mevlut Cavusoglu closed. Volodymyr Zelenskyy and Zelensky agreed.';
    const ps = people(text);
    assert.deepEqual(
      ps.map((p) => [p.name, p.mentions.length]),
      [
        ['Dmytro Kuleba', 2],
        ['Mevlüt Çavuşoğlu', 2],
        ['Volodymyr Zelenskyy', 2],
      ],
    );
  });

  it('attaches a near-miss surname only when that surname is known', () => {
    const known = people('Dmytro Kuleba arrived.\n\n• Ministers Lavrov and Kuliba meet');
    assert.ok(known[0]!.mentions.some((m) => m.text === 'Kuliba'));
    assert.deepEqual(names('Ministers and Kuliba meet in Turkey'), []);
  });

  it('accepts a surname-only person when a reporting verb supports it', () => {
    const ps = people('Peskov said the talks were over. Later, Peskov left.');
    assert.deepEqual(
      ps.map((p) => [p.name, p.mentions.length]),
      [['Peskov', 2]],
    );
  });

  it('does not take headline words or "False claims" for people', () => {
    assert.deepEqual(names('Top Russian and Ukrainian Diplomats Meet\n\n“False claims,” such as this, are punished.'), []);
  });

  it('ends a name at a capitalised headline verb', () => {
    assert.deepEqual(names('Boris Johnson Resigns As Prime Minister\n\nAngela Merkel Says Goodbye'), ['Boris Johnson', 'Angela Merkel']);
  });
});

describe('people on the seeds', () => {
  it('seed 001: Kuliba in a bullet joins Dmytro Kuleba; Mustafa Aydin is a professor', () => {
    const ps = people(seed('001'));
    const kuleba = ps.find((p) => p.id === 'p:dmytro-kuleba')!;
    assert.ok(kuleba.aliases.includes('Kuliba'));
    const aydin = ps.find((p) => p.name === 'Mustafa Aydin')!;
    assert.match(aydin.role ?? '', /^professor at .*Kadir Has University$/);
    assert.ok(!ps.some((p) => /Reuters|Thomson|Kadir/.test(p.name)));
  });

  it('seed 002: Sergey / Sergei and the hashtag, Dmytro / Dmitry, Grossi’s role', () => {
    const ps = people(seed('002'));
    const lavrov = ps.find((p) => p.name.endsWith('Lavrov'))!;
    assert.ok(lavrov.mentions.some((m) => m.text === 'Sergey_Lavrov'));
    assert.ok(lavrov.aliases.includes('Sergei Lavrov'));
    assert.ok(ps.find((p) => p.name === 'Dmytro Kuleba')!.aliases.includes('Dmitry Kuleba'));
    assert.match(ps.find((p) => p.name === 'Rafael Grossi')!.role ?? '', /^Director General of the International Atomic Energy Agency$/);
  });

  it('seed 004: Mevlüt Çavusoglu keeps its diacritics and the Foreign Minister role', () => {
    const ps = people(seed('004'));
    const c = ps.find((p) => p.id === 'p:mevlut-cavusoglu')!;
    assert.equal(c.name, 'Mevlüt Çavusoglu');
    assert.equal(c.role, 'Turkish Foreign Minister');
  });
});

describe('mergeCorpusPeople', () => {
  function doc(path: string, text: string): { path: string; people: Person[] } {
    return { path, people: people(text) };
  }

  it('merges transliteration variants, surname-only people and near misses across documents', () => {
    const merged = mergeCorpusPeople([
      doc('a.txt', 'Foreign Minister Sergei Lavrov met Dmytro Kuleba. Lavrov said little.'),
      doc('b.txt', 'Sergey Lavrov arrived. Sergei Lavrov left. Dmitry Kuleba said no.'),
      doc('c.txt', 'Sergei Lavrov spoke.'),
      doc('d.txt', 'Kuliba said the talks failed.'),
    ]);
    const lavrov = merged.find((p) => p.id === 'p:sergei-lavrov')!;
    assert.equal(lavrov.name, 'Sergei Lavrov');
    assert.deepEqual(
      lavrov.documents.map((d) => d.path).sort(),
      ['a.txt', 'b.txt', 'c.txt'],
    );
    assert.equal(lavrov.role, 'Foreign Minister');
    const kuleba = merged.find((p) => p.name === 'Dmytro Kuleba')!;
    assert.deepEqual(
      kuleba.documents.map((d) => [d.path, d.personId]),
      [
        ['a.txt', 'p:dmytro-kuleba'],
        ['b.txt', 'p:dmitry-kuleba'],
        ['d.txt', 'p:kuliba'],
      ],
    );
    assert.ok(kuleba.aliases.includes('Kuliba'));
    assert.equal(merged[0]!.id, 'p:sergei-lavrov', 'the most widespread person first');
  });

  it('keeps different people with the same surname apart', () => {
    const merged = mergeCorpusPeople([doc('a.txt', 'Anna Berg spoke.'), doc('b.txt', 'Jonas Berg spoke.')]);
    assert.deepEqual(merged.map((p) => p.name).sort(), ['Anna Berg', 'Jonas Berg']);
  });
});
