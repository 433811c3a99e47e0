/**
 * Validation of user-supplied regular expressions (extra boilerplate patterns). They come
 * from settings, possibly a workspace's `.vscode/settings.json` in a cloned repository, and
 * run over every line of every source, so a pattern that backtracks catastrophically would
 * freeze the extension host.
 *
 * Checks, in order: length, syntax, backreferences (they make matching NP-hard and no
 * linear-time guarantee is possible), nested quantifiers (star height > 1, via the
 * `safe-regex2` library; `recheck` was considered, but it ships a Scala.js/JVM checker that
 * is far too heavy for this bundle), and quantified alternations whose branches can match the
 * same text (`(a|a)*`, `(\w|\d)+`), which star height does not catch.
 */
import safeRegex from 'safe-regex2';

export const MAX_PATTERN_LENGTH = 500;

export type PatternCheck = { ok: true; regex: RegExp } | { ok: false; pattern: string; reason: string };

/** Validates one pattern; compiled case-insensitive and Unicode-aware (`iu`, no `g`: no hidden `lastIndex` state). */
export function checkPattern(pattern: string): PatternCheck {
  const fail = (reason: string): PatternCheck => ({ ok: false, pattern, reason });
  if (typeof pattern !== 'string' || pattern.trim() === '') return fail('the pattern is empty');
  if (pattern.length > MAX_PATTERN_LENGTH) return fail(`the pattern is longer than ${MAX_PATTERN_LENGTH} characters`);
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'iu');
  } catch (e) {
    return fail(`it is not a valid regular expression (${e instanceof Error ? e.message : String(e)})`);
  }
  if (/\\[1-9]|\\k</.test(stripClasses(pattern))) {
    return fail('backreferences (\\1, \\k<name>) are not allowed: they can make matching take exponential time');
  }
  if (!safeRegex(pattern)) {
    return fail('it nests quantifiers (like (a+)+ or (\\w*)*), which can take exponential time on some lines');
  }
  const overlap = overlappingQuantifiedAlternation(pattern);
  if (overlap) {
    return fail(`the repeated group ${overlap} has alternatives that can match the same text, which can take exponential time`);
  }
  if (regex.test('')) return fail('it matches the empty string, so it would mark every line');
  return { ok: true, regex };
}

/** Validates a list; returns the usable expressions and an explanation for each rejected one. */
export function checkPatterns(patterns: readonly string[]): { regexes: RegExp[]; problems: { pattern: string; reason: string }[] } {
  const regexes: RegExp[] = [];
  const problems: { pattern: string; reason: string }[] = [];
  for (const p of patterns) {
    const r = checkPattern(p);
    if (r.ok) regexes.push(r.regex);
    else problems.push({ pattern: r.pattern, reason: r.reason });
  }
  return { regexes, problems };
}

/** Removes character classes and escaped characters so structural checks do not see their content. */
function stripClasses(pattern: string): string {
  return pattern.replace(/\\\\/g, '').replace(/\[(?:\\.|[^\]\\])*\]/g, 'X');
}

/**
 * Finds a group followed by a quantifier (`*`, `+`, `{n,}`) whose top-level alternatives are
 * not plainly disjoint: disjoint means each alternative is a literal that starts with a
 * different character. Anything else (classes, escapes like \w, shared first letters) is
 * treated as possibly overlapping. Conservative by design: a rejected pattern can be rewritten.
 */
function overlappingQuantifiedAlternation(pattern: string): string | undefined {
  const p = pattern.replace(/\\\\/g, '\u0000\u0000');
  const stack: number[] = [];
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      // skip a character class
      let j = i + 1;
      while (j < p.length && p[j] !== ']') j += p[j] === '\\' ? 2 : 1;
      i = j;
      continue;
    }
    if (c === '(') stack.push(i);
    else if (c === ')') {
      const open = stack.pop();
      if (open === undefined) continue;
      const next = p[i + 1];
      const unbounded = next === '*' || next === '+' || (next === '{' && /^\{\d+,\}/.test(p.slice(i + 1)));
      if (!unbounded) continue;
      const body = pattern.slice(open + 1, i).replace(/^\?(?::|<?[=!]|<[A-Za-z_$][\w$]*>)/, '');
      const branches = splitTopLevel(body);
      if (branches.length < 2) continue;
      const firsts = new Set<string>();
      for (const b of branches) {
        if (b === '' || !/^[^\\[\]().*+?{}|^$]+$/.test(b)) return `(${body})`;
        const first = (b[0] as string).toLowerCase();
        if (firsts.has(first)) return `(${body})`;
        firsts.add(first);
      }
    }
  }
  return undefined;
}

function splitTopLevel(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c === '\\') {
      cur += c + (body[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '(' || c === '[') depth++;
    if (c === ')' || c === ']') depth--;
    if (c === '|' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}
