import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { detectPeople } from '../../src/core/detect/people';
import { detectQuotes, findQuoteSpans } from '../../src/core/detect/quotes';
import { segment } from '../../src/core/text/segment';
import type { Quote } from '../../src/core/types';

function quotes(text: string): Quote[] {
  const blocks = segment(text);
  return detectQuotes(text, blocks, detectPeople(text, blocks));
}

function inner(q: Quote): string {
  return q.text.replace(/^["“”„«‘'‚]\s*/u, '').replace(/\s*["“”»’']$/u, '');
}

const SEEDS = join(__dirname, '..', '..', '..', 'seeds');
function seed(prefix: string): string {
  const name = readdirSync(SEEDS).find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`seed ${prefix} missing`);
  return readFileSync(join(SEEDS, name), 'utf8');
}

describe('quote marks and pairing', () => {
  it('pairs every quote style and keeps the marks in the span', () => {
    const text = [
      'Anna Berg said: “Curly quotes work fine here today.”',
      'Anna Berg said: "Straight quotes work fine here today."',
      'Anna Berg said: «Guillemets work fine here today, too.»',
      'Anna Berg said: „German low quotes work fine here today.“',
      'Ankara hopes for a ‘turning point’ in the talks',
    ].join('\n\n');
    const qs = quotes(text);
    assert.deepEqual(
      qs.map((q) => q.text),
      [
        '“Curly quotes work fine here today.”',
        '"Straight quotes work fine here today."',
        '«Guillemets work fine here today, too.»',
        '„German low quotes work fine here today.“',
        '‘turning point’',
      ],
    );
    for (const q of qs) assert.equal(text.slice(q.start, q.end), q.text);
  });

  it('pairs broken mixes: “…» and “…“', () => {
    const text = 'He added: “I hope the meeting will pave the way for a ceasefire. »\n\nShe rejected “our proposal on security guarantees“.';
    assert.deepEqual(
      quotes(text).map(inner),
      ['I hope the meeting will pave the way for a ceasefire.', 'our proposal on security guarantees'],
    );
  });

  it('does not read apostrophes as quote marks', () => {
    const text = 'Lavrov’s aides don’t talk about the ’90s or the ministers’ plans, and it’s fine.';
    assert.deepEqual(findQuoteSpans(text, segment(text)), []);
  });

  it('ends an unclosed quote at the end of its paragraph, before a lost ", he said"', () => {
    const text = 'Omar Haddad spoke to the press.\n\n“We will try to make the most of the talks with good preparation, he said.\n\nThe meeting ended.';
    const qs = quotes(text);
    assert.equal(qs.length, 1);
    assert.equal(qs[0]!.text, '“We will try to make the most of the talks with good preparation');
    assert.equal(qs[0]!.speaker?.name, 'Omar Haddad');
  });

  it('ignores an odd straight quote that never opens', () => {
    const text = 'It was late, she said. Nobody believed the 5" claim or the last word."';
    assert.deepEqual(findQuoteSpans(text, segment(text)), []);
  });

  it('continues a quote across paragraphs when the next paragraph opens again', () => {
    const text = '“The first part of a long statement goes here, and it does not close.\n\n“The second part closes the statement at last,” said Maria Lopez.';
    const qs = quotes(text);
    assert.equal(qs.length, 1);
    assert.ok(qs[0]!.text.startsWith('“The first part'));
    assert.ok(qs[0]!.text.endsWith('at last,”'));
    assert.equal(qs[0]!.speaker?.name, 'Maria Lopez');
  });
});

describe('speaker attribution', () => {
  const cases: [string, string, string][] = [
    ['“…,” X said', 'The vote matters. “We will not accept this deal at all,” Jonas Weber said on Monday.', 'Jonas Weber said'],
    ['said X', '“We will not accept this deal at all,” said Jonas Weber, a senator from Bavaria.', 'said Jonas Weber'],
    ['X told reporters', '“We will not accept this deal at all,” Jonas Weber told reporters after the vote.', 'Jonas Weber told reporters'],
    ['X added', 'Jonas Weber spoke first. “Nobody here wants another war in Europe,” Weber added.', 'Weber added'],
    ['according to X', '“Nobody here wants another war in Europe,” according to Jonas Weber.', 'according to Jonas Weber'],
    ['X said: “…”', 'Jonas Weber said: “Nobody here wants another war in Europe.”', 'Jonas Weber said'],
    ['X urged Y to “…”', 'Jonas Weber urged Anna Berg to act “in good faith, not from a propaganda perspective.”', 'Jonas Weber urged'],
  ];
  for (const [name, text, cue] of cases) {
    it(`recognises ${name}`, () => {
      const qs = quotes(text);
      assert.equal(qs.length, 1, text);
      const q = qs[0]!;
      assert.equal(q.kind, 'speech');
      assert.equal(q.speaker?.name, 'Jonas Weber');
      assert.equal(q.speaker?.personId, 'p:jonas-weber');
      assert.equal(q.cue?.text, cue);
      assert.equal(text.slice(q.cue.start, q.cue.end), q.cue.text);
    });
  }

  it('attributes X described the meeting as “…” to X', () => {
    const q = quotes('Foreign Minister Jonas Weber described the meeting as “difficult” and left.')[0]!;
    assert.equal(q.kind, 'speech');
    assert.equal(q.speaker?.name, 'Jonas Weber');
  });

  it('resolves he / she to the most recent compatible named speaker', () => {
    const text = [
      'Anna Berg met Jonas Weber in Vienna on Friday.',
      '“The talks were useful but slow,” Anna Berg said.',
      '“We still have a long way to go, as everyone knows,” she said.',
      '“Nothing was agreed on the main issue today,” he said.',
    ].join('\n\n');
    const qs = quotes(text);
    assert.deepEqual(
      qs.map((q) => q.speaker?.name),
      ['Anna Berg', 'Anna Berg', 'Jonas Weber'],
    );
  });

  it('prefers the subject over an object mention for "he said"', () => {
    const text = 'Taras Melnyk said the outcome depends “on the orders given to Petrov” by the Kremlin.\n\n“I do not expect much from these talks today,” he said.';
    const qs = quotes(text);
    assert.equal(qs[1]!.speaker?.name, 'Taras Melnyk');
  });

  it('lets a follow-up quote paragraph without a cue inherit the previous speaker', () => {
    const text = '“We are working to prevent a tragedy here,” Kemal Arslan said on Wednesday.\n\n“I hope the meeting will pave the way for a lasting ceasefire.”';
    const qs = quotes(text);
    assert.equal(qs.length, 2);
    assert.equal(qs[1]!.speaker?.name, 'Kemal Arslan');
    assert.equal(qs[1]!.cue, null);
    assert.ok(qs[1]!.confidence < qs[0]!.confidence);
  });

  it('keeps a non-person source as a phrase', () => {
    const text = 'A spokesperson for the Finnish Foreign Ministry said the delegation had arrived “for talks on an end to the fighting in the region”.\n\nMoscow said: “All of our demands must be met before anything else.”';
    const qs = quotes(text);
    assert.equal(qs[0]!.speaker?.name, 'A spokesperson for the Finnish Foreign Ministry');
    assert.equal(qs[0]!.speaker?.personId, undefined);
    assert.equal(qs[1]!.speaker?.name, 'Moscow');
  });

  it('resolves a definite title ("the Turkish Foreign Minister") to the person with that role', () => {
    const text = 'Turkish Foreign Minister Kemal Arslan met the delegations.\n\nThe Turkish Foreign Minister said the meeting would be a real “turning point for the whole region”.';
    const q = quotes(text)[0]!;
    assert.equal(q.speaker?.name, 'Kemal Arslan');
  });

  it('finds the subject across an appositive: "X, a role, said" and "A role, X, said"', () => {
    const a = quotes('Annalena Baerbock, Germany’s foreign minister, said Berlin would “do what is necessary.”')[0]!;
    assert.equal(a.speaker?.name, 'Annalena Baerbock');
    const b = quotes('A spokesperson for the White House, Karine Jean-Pierre, said the U.S. would “support Ukraine for as long as it takes.”')[0]!;
    assert.equal(b.speaker?.name, 'Karine Jean-Pierre');
    const c = quotes('Vladimir Medinsky, who led the Russian delegation, called the talks “constructive.”')[0]!;
    assert.equal(c.speaker?.name, 'Vladimir Medinsky');
    assert.equal(c.kind, 'speech');
  });

  it('finds the subject before a relative clause: "X, who told CNN that “…”"', () => {
    const q = quotes('Neither was Dr. Anthony Fauci, who told CNN on Friday that “the pandemic is not over.”')[0]!;
    assert.equal(q.speaker?.name, 'Anthony Fauci');
    assert.equal(q.kind, 'speech');
    assert.equal(q.cue?.text, 'Anthony Fauci, who told');
  });

  it('skips a parenthesis between speaker and verb and keeps anonymous sources', () => {
    const a = quotes('On Monday, Sen. Elizabeth Warren (D-Mass.) tweeted that the deal was “a disaster for workers.”')[0]!;
    assert.equal(a.speaker?.name, 'Elizabeth Warren');
    const [b, c] = quotes('“It was chaos,” said one witness, who asked not to be named. “People were running everywhere.”');
    assert.equal(b!.speaker?.name, 'one witness');
    assert.equal(c!.speaker?.name, 'one witness');
  });

  it('reads a dash attribution and a subject behind several appositives', () => {
    const [a, b] = quotes('“We are ready to talk” — Dmytro Kuleba, on Twitter.\n\nLopez, 54, a former judge, said the ruling was “deeply flawed and dangerous.” Maria Lopez left.');
    assert.equal(a!.speaker?.name, 'Dmytro Kuleba');
    assert.equal(a!.cue?.text, '— Dmytro Kuleba');
    assert.equal(b!.speaker?.name, 'Maria Lopez');
  });

  it('gives a participle cue ("…, writing on Telegram that …") the sentence subject', () => {
    const q = quotes('His chief of staff, Andriy Yermak, echoed the message, writing on Telegram that talk of concessions was “unacceptable.”')[0]!;
    assert.equal(q.speaker?.name, 'Andriy Yermak');
    assert.equal(q.cue?.text, 'writing');
  });

  it('reads a headline "Name: ‘quote’" as attribution, but not a plain label before a colon', () => {
    const text = 'Zelensky: ‘We will not give up our land’\n\nKyiv — President Volodymyr Zelensky spoke on Sunday.';
    const q = quotes(text)[0]!;
    assert.equal(q.speaker?.name, 'Volodymyr Zelensky');
    assert.equal(q.cue?.text, 'Zelensky:');
    const label = quotes('Key points: “a new deal for the region”')[0]!;
    assert.equal(label.speaker, null);
  });

  it('attributes a quote in a wrapped Markdown block quote', () => {
    const text = '> "We have made some progress on humanitarian corridors," Ukrainian negotiator\n> Mykhailo Podolyak said afterwards.\n';
    const q = quotes(text)[0]!;
    assert.equal(q.speaker?.name, 'Mykhailo Podolyak');
  });

  it('leaves a long quote without any cue as unattributed speech', () => {
    const q = quotes('The statement ended with “making progress on the urgent issue of nuclear safety in the country.”')[0]!;
    assert.equal(q.kind, 'speech');
    assert.equal(q.speaker, null);
  });
});

describe('terms (scare quotes)', () => {
  it('marks short labels inside noun phrases or without a speaker as terms', () => {
    const text = 'Moscow describes its incursion as a “special military operation” to remove leaders it calls “neo-Nazis”. Analysts call the “False claims,” law harsh.';
    const qs = quotes(text);
    assert.deepEqual(
      qs.map((q) => [inner(q), q.kind]),
      [
        ['special military operation', 'term'],
        ['neo-Nazis', 'term'],
        ['False claims,', 'term'],
      ],
    );
  });

  it('keeps a short quote that a named person is cued as saying as speech', () => {
    const q = quotes('Jonas Weber said in a video that his hopes were “limited” this week.')[0]!;
    assert.equal(q.kind, 'speech');
    assert.equal(q.speaker?.name, 'Jonas Weber');
  });
});

describe('quotes on the seeds', () => {
  it('seed 003: Kuleba told reporters / Kuleba added / said Kuleba, and he said after Lavrov', () => {
    const qs = quotes(seed('003'));
    const byText = (needle: string): Quote => {
      const q = qs.find((x) => x.text.includes(needle));
      assert.ok(q, needle);
      return q;
    };
    assert.equal(byText('We also talked on the ceasefire').cue?.text, 'Kuleba told reporters');
    assert.equal(byText('We also talked on the ceasefire').speaker?.personId, 'p:dmytro-kuleba');
    assert.equal(byText('other decision-makers').speaker?.personId, 'p:dmytro-kuleba');
    assert.equal(byText('has not surrendered').cue?.text, 'said Kuleba');
    assert.equal(byText('Until the end').speaker?.personId, 'p:sergey-lavrov');
    assert.equal(byText('Until the end').cue?.text, 'he said');
    assert.equal(byText('special military operation').kind, 'term');
  });

  it('seed 000: the spokesperson phrase, Kuleba via "he said", Erdogan’s follow-up paragraph', () => {
    const qs = quotes(seed('000'));
    assert.match(qs[0]!.speaker?.name ?? '', /^the spokesperson for the Ukrainian Ministry of Foreign Affairs$/);
    const pin = qs.find((q) => q.text.includes('pin high hopes'))!;
    assert.equal(pin.speaker?.personId, 'p:dmytro-kuleba');
    const hope = qs.find((q) => q.text.includes('permanent ceasefire'))!;
    assert.equal(hope.speaker?.personId, 'p:recep-tayyip-erdogan');
  });

  it('seed 001: Mustafa Aydin’s quotes and the terms', () => {
    const qs = quotes(seed('001'));
    const aydin = qs.filter((q) => q.speaker?.personId === 'p:mustafa-aydin' && q.kind === 'speech');
    assert.equal(aydin.length, 2);
    // "This is a “step forward” …, said Mustafa Aydin, a professor at …": his term.
    const step = qs.find((q) => q.text.includes('step forward'))!;
    assert.equal(step.kind, 'term');
    assert.equal(step.speaker?.personId, 'p:mustafa-aydin');
    const terms = qs.filter((q) => q.kind === 'term').map(inner);
    assert.ok(terms.includes('special military operation'));
    assert.ok(terms.includes('neo-Nazis'));
  });
});
