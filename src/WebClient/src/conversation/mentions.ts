/**
 * Mention autocomplete: finding the "@partial" being typed, ranking members for it, and
 * replacing it with the chosen "@username". Usernames use A-Z a-z 0-9 _ . - (the gateway's
 * rules), so that is what a mention token may contain.
 */

export interface MentionCandidate {
  userId: string;
  username: string;
  displayName: string;
}

export interface MentionQuery {
  /** Index of the "@". */
  start: number;
  /** Index just past the partial name (the caret). */
  end: number;
  /** What follows the "@" so far (may be empty). */
  query: string;
}

const nameChar = /[A-Za-z0-9_.-]/;
/** An "@" starts a mention only at the start or after a space or opening punctuation (not in "a@b.c"). */
const boundary = /[\s([{"'“‘]/;

export function findMentionQuery(text: string, caret: number): MentionQuery | null {
  if (caret < 0 || caret > text.length) return null;
  let i = caret - 1;
  while (i >= 0 && nameChar.test(text[i]!)) i--;
  if (i < 0 || text[i] !== "@") return null;
  if (i > 0 && !boundary.test(text[i - 1]!)) return null;
  const query = text.slice(i + 1, caret);
  if (query.length > 32) return null;
  return { start: i, end: caret, query };
}

function rank(candidate: MentionCandidate, q: string): number | null {
  const username = candidate.username.toLowerCase();
  const display = candidate.displayName.toLowerCase();
  if (q.length === 0) return 4;
  if (username.startsWith(q)) return 0;
  if (display.startsWith(q)) return 1;
  if (display.split(/\s+/).some((word) => word.startsWith(q))) return 2;
  if (username.includes(q)) return 3;
  return null;
}

/** Members matching the partial name, best first: username prefix, display-name prefix, word prefix, substring. */
export function suggestMentions(
  query: string,
  candidates: readonly MentionCandidate[],
  options: { limit?: number; excludeUserId?: string } = {},
): MentionCandidate[] {
  const q = query.toLowerCase();
  const seen = new Set<string>();
  const scored: { candidate: MentionCandidate; score: number }[] = [];
  for (const candidate of candidates) {
    if (seen.has(candidate.userId) || candidate.userId === options.excludeUserId) continue;
    seen.add(candidate.userId);
    const score = rank(candidate, q);
    if (score !== null) scored.push({ candidate, score });
  }
  scored.sort(
    (a, b) => a.score - b.score || a.candidate.username.localeCompare(b.candidate.username, undefined, { sensitivity: "base" }),
  );
  return scored.slice(0, options.limit ?? 8).map((s) => s.candidate);
}

/** Replaces the partial mention with "@username " and returns the new text and caret. */
export function applyMention(text: string, mention: MentionQuery, username: string): { text: string; caret: number } {
  const before = text.slice(0, mention.start);
  let after = text.slice(mention.end);
  // Swallow the rest of a name the caret was in the middle of.
  let j = 0;
  while (j < after.length && nameChar.test(after[j]!)) j++;
  after = after.slice(j);
  // A space ends the mention unless whitespace or punctuation already does.
  const insert = `@${username}${/^[\s,;:!?)\]}]/.test(after) ? "" : " "}`;
  return { text: before + insert + after, caret: before.length + insert.length };
}
