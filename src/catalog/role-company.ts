/**
 * Splitting an affiliation line into role and company, whatever the order:
 * "Role @ Company", "Company, Role", "Role, Company", "Role at Company (Division)",
 * "Role @handle & Role @handle", a role alone or a company alone.
 */

export interface RoleCompany {
  role?: string;
  company?: string;
}

const ROLE_WORDS = new Set(
  [
    "engineer",
    "engineering",
    "architect",
    "lead",
    "leader",
    "manager",
    "management",
    "head",
    "director",
    "developer",
    "dev",
    "devops",
    "cto",
    "ceo",
    "cio",
    "cfo",
    "coo",
    "cpo",
    "ciso",
    "vp",
    "svp",
    "evp",
    "president",
    "founder",
    "co-founder",
    "cofounder",
    "chief",
    "officer",
    "principal",
    "senior",
    "sr",
    "sr.",
    "staff",
    "junior",
    "jr",
    "consultant",
    "scientist",
    "analyst",
    "evangelist",
    "advocate",
    "designer",
    "specialist",
    "owner",
    "programmer",
    "researcher",
    "technologist",
    "partner",
    "fellow",
    "intern",
    "professor",
    "lecturer",
    "author",
    "coach",
    "sre",
    "administrator",
    "maintainer",
    "contributor",
    "committer",
    "chair",
    "member",
    "expert",
    "trainer",
    "instructor",
    "strategist",
    "tester",
    "qa",
    "product",
    "technical",
    "software",
    "solution",
    "solutions",
    "systems",
    "tech",
    "team",
  ].map((w) => w.toLowerCase()),
);

/** Words that mark an organisation name. */
const COMPANY_WORDS = new Set([
  "inc",
  "inc.",
  "ltd",
  "ltd.",
  "llc",
  "gmbh",
  "ag",
  "plc",
  "corp",
  "corp.",
  "corporation",
  "company",
  "group",
  "services",
  "labs",
  "technologies",
  "university",
  "foundation",
  "bank",
  "studio",
  "studios",
]);

function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[\s/,()&]+/)
    .map((t) => t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}.-]+$/gu, ""))
    .filter(Boolean);
}

/** How much a phrase reads like a job title (0: not at all). */
export function roleScore(text: string): number {
  let score = 0;
  for (const t of tokens(text)) {
    if (ROLE_WORDS.has(t) || ROLE_WORDS.has(t.replace(/\.$/, ""))) score += 1;
    // "co-founder", "vice-president"
    else if (t.includes("-") && t.split("-").some((p) => ROLE_WORDS.has(p))) score += 1;
  }
  return score;
}

/** How much a phrase reads like an organisation (0: no sign of one). */
export function companyScore(text: string): number {
  let score = 0;
  for (const t of tokens(text)) if (COMPANY_WORDS.has(t)) score += 1;
  if (/\b[\w-]+\.(io|com|net|org|ai|co|dev|app)\b/i.test(text)) score += 2;
  return score;
}

/** Removes one pair of parentheses around the whole text, if they match each other. */
export function unwrapParens(text: string): string {
  const t = text.trim();
  if (!t.startsWith("(")) return t;
  const close = matchingParen(t, 0);
  return close === t.length - 1 ? t.slice(1, -1).trim() : t;
}

/** Index of the parenthesis closing the one at `open`, or -1. */
export function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "(") depth++;
    else if (c === ")") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function clean(part: string | undefined): string | undefined {
  const t = part?.replace(/^[\s,;:–—-]+|[\s,;:–—-]+$/g, "").trim();
  return t ? t : undefined;
}

function result(role: string | undefined, company: string | undefined): RoleCompany {
  const out: RoleCompany = {};
  const r = clean(role);
  const c = clean(company?.replace(/^@\s*/, ""));
  if (r) out.role = r;
  if (c) out.company = c;
  return out;
}

/** Role and company from one affiliation line. */
export function splitRoleCompany(affiliation: string): RoleCompany {
  const text = unwrapParens(affiliation.replace(/\s+/g, " ").trim()).replace(/,$/, "").trim();
  if (!text) return {};

  // "Role @Company & Role @Other": several pairs.
  const ats = text.match(/@/g)?.length ?? 0;
  if (ats >= 2) {
    const pairs = text
      .split(/\s+(?:&|and|\+|,)\s+(?=[^@]*@)|\s*[;|]\s*/)
      .map((p) => splitRoleCompany(p));
    const roles = pairs.map((p) => p.role).filter((r): r is string => !!r);
    const companies = pairs.map((p) => p.company).filter((c): c is string => !!c);
    return result(roles.join(" & "), companies.join(" & "));
  }
  if (ats === 1) {
    const at = text.indexOf("@");
    return result(text.slice(0, at), text.slice(at + 1));
  }

  // "Role at Company (Division)"
  const atWord = /\s+at\s+(?=[\p{Lu}\p{N}])/u.exec(text);
  if (atWord && text.slice(0, atWord.index).split(/\s+/).length <= 8) {
    return result(text.slice(0, atWord.index), text.slice(atWord.index + atWord[0].length));
  }

  // "Company, Role" or "Role, Company" (commas inside parentheses do not split).
  const parts = splitTopLevel(text, ",");
  if (parts.length >= 2) {
    const first = parts[0] ?? "";
    const last = parts[parts.length - 1] ?? "";
    const restAfterFirst = parts.slice(1).join(", ");
    const restBeforeLast = parts.slice(0, -1).join(", ");
    // Company first: the first part reads least like a role.
    const companyFirst =
      lean(restAfterFirst) - lean(first) > lean(restBeforeLast) - lean(last) ||
      (lean(first) < 0 && lean(last) >= 0);
    return companyFirst ? result(restAfterFirst, first) : result(restBeforeLast, last);
  }

  // "Role - Company", "Role | Company"
  const dash = /\s+[|–—-]\s+/.exec(text);
  if (dash) {
    const a = text.slice(0, dash.index);
    const b = text.slice(dash.index + dash[0].length);
    return lean(b) > lean(a) ? result(b, a) : result(a, b);
  }

  return roleScore(text) > 0 ? result(text, undefined) : result(undefined, text);
}

/** Positive: reads like a role; negative: like a company. */
function lean(text: string): number {
  const role = roleScore(text);
  // "Mathematician", "Translator": with no known role word, a last word naming what
  // someone does still tips the balance.
  const last = tokens(text).at(-1) ?? "";
  const hint = role === 0 && /^[a-z]{5,}(?:ist|ian|or|er)$/.test(last) ? 0.5 : 0;
  return role + hint - companyScore(text) * 2;
}

function splitTopLevel(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "(") depth++;
    else if (c === ")") depth = Math.max(0, depth - 1);
    else if (c === sep && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(text.slice(start).trim());
  return out.filter(Boolean);
}
