import assert from 'node:assert/strict';
import { checkPattern, checkPatterns } from '../../src/core/settings/regexSafety';

function rejected(pattern: string): string {
  const r = checkPattern(pattern);
  assert.equal(r.ok, false, `${pattern} should be rejected`);
  return r.ok ? '' : r.reason;
}

describe('regex safety of user boilerplate patterns', () => {
  it('accepts ordinary boilerplate patterns, case-insensitive', () => {
    for (const p of ['^Click to comment$', 'Leave a Reply', 'Sign up for our \\w+ newsletter', '^(Share|Tweet|Email)$', '\\d{1,3} comments?']) {
      const r = checkPattern(p);
      assert.ok(r.ok, p);
      if (r.ok) assert.ok(r.regex.flags.includes('i'));
    }
    const r = checkPattern('^click to comment$');
    assert.ok(r.ok && r.regex.test('Click to comment'));
  });

  it('rejects nested quantifiers, explaining why', () => {
    assert.match(rejected('(a+)+$'), /nests quantifiers/);
    assert.match(rejected('(\\w*)*x'), /nests quantifiers/);
  });

  it('rejects repeated alternations whose branches overlap', () => {
    assert.match(rejected('(a|a)*b'), /alternatives that can match the same text/);
    assert.match(rejected('(\\w|\\d)+$'), /alternatives/);
    assert.match(rejected('(ab|ac)+'), /alternatives/);
  });

  it('rejects backreferences, invalid syntax, empty matches and over-long patterns', () => {
    assert.match(rejected('(a)\\1'), /backreferences/);
    assert.match(rejected('(?<x>a)\\k<x>'), /backreferences/);
    assert.match(rejected('(unclosed'), /not a valid regular expression/);
    assert.match(rejected('x*'), /empty string/);
    assert.match(rejected(''), /empty/);
    assert.match(rejected('a'.repeat(501)), /longer than 500/);
  });

  it('a pattern that passes does not backtrack catastrophically on a long hostile line', () => {
    const r = checkPattern('^(Share|Tweet)+ this$');
    assert.ok(r.ok);
    if (r.ok) assert.equal(r.regex.test(`${'Share'.repeat(20000)}!`), false);
    // the classic exponential pattern is refused before it could run
    assert.equal(checkPattern('^(a+)+$').ok, false);
  });

  it('checkPatterns keeps the good ones and lists the bad ones', () => {
    const { regexes, problems } = checkPatterns(['Advertisement', '(a+)+', 'Read more']);
    assert.equal(regexes.length, 2);
    assert.deepEqual(problems.map((p) => p.pattern), ['(a+)+']);
  });
});
